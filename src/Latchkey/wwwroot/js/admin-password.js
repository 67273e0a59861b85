// The admin reset form: Generate asks the server for a password that meets the account's domain policy and puts it
// in the field (shown, so it can be read out); Copy puts it on the clipboard. Without this script, Generate submits
// the form and the server fills the field. Texts come from #password-form-texts, in the page's language.
const form = document.querySelector("[data-admin-password]");

if (form) {
    const texts = document.getElementById("password-form-texts")?.dataset ?? {};
    const input = form.querySelector("#new-password");
    const generate = form.querySelector("#generate");
    const copy = form.querySelector("#copy");
    const status = form.querySelector("#copy-status");
    copy.hidden = false;

    generate.addEventListener("click", async (event) => {
        event.preventDefault();
        const response = await fetch("/api/v1/passwords/generate", {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ email: form.dataset.email }),
        });
        if (response.ok) {
            input.value = (await response.json()).password;
            status.textContent = texts.textAdminGenerated;
        }
    });

    copy.addEventListener("click", async () => {
        if (!input.value) {
            status.textContent = texts.textNothingToCopy;
            return;
        }
        try {
            await navigator.clipboard.writeText(input.value);
            status.textContent = texts.textCopied;
        } catch {
            input.select();
            status.textContent = texts.textCopyByHand;
        }
    });
}
