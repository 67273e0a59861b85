// Live feedback for password forms marked data-password-form: show/hide toggles, a checklist that ticks as the
// user types (the server's own rules, from /api/v1/passwords/check), a strength meter, the confirmation check, and
// Generate (a policy-compliant password from /api/v1/passwords/generate, put in both fields and shown) with Copy.
// Texts come from the data-text-* attributes of #password-form-texts, in the page's language.
// Without this script the form still works: the server judges every rule on submit.
const form = document.querySelector("[data-password-form]");

if (form) {
    const texts = document.getElementById("password-form-texts")?.dataset ?? {};
    const text = (name) => texts[`text${name}`] ?? "";
    for (const button of form.querySelectorAll("[data-toggle-password]")) {
        button.hidden = false;
        button.addEventListener("click", () => {
            const input = document.getElementById(button.dataset.togglePassword);
            const show = input.type === "password";
            input.type = show ? "text" : "password";
            button.setAttribute("aria-pressed", String(show));
            button.textContent = show ? text("Hide") : text("Show");
        });
    }

    const password = form.querySelector("#new-password");
    const confirm = form.querySelector("#confirm-password");
    const confirmError = form.querySelector("#confirm-password-error");
    const strength = form.querySelector("#strength");
    const meter = form.querySelector("#strength-meter");
    const strengthText = form.querySelector("#strength-text");
    const words = [text("VeryWeak"), text("Weak"), text("Fair"), text("Strong"), text("VeryStrong")];
    let timer;
    let latest = 0;

    const checkMatch = () => {
        if (!confirm.value) {
            confirmError.textContent = "";
            confirm.setAttribute("aria-invalid", "false");
            return;
        }
        const same = confirm.value === password.value;
        confirmError.textContent = same ? "" : text("Mismatch");
        confirm.setAttribute("aria-invalid", String(!same));
    };

    const check = async () => {
        const request = ++latest;
        const response = await fetch("/api/v1/passwords/check", {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ password: password.value, email: form.dataset.email }),
        });
        if (!response.ok || request !== latest) {
            return;
        }
        const result = await response.json();
        for (const rule of result.rules) {
            const item = document.getElementById(`rule-${rule.id}`);
            if (item) {
                item.dataset.met = password.value ? String(rule.met) : "unknown";
                item.querySelector(".rule-state").textContent = password.value ? (rule.met ? text("Met") : text("NotMet")) : "";
            }
        }
        strength.hidden = !password.value;
        meter.value = result.score;
        strengthText.textContent = password.value ? words[result.score] : "";
    };

    password.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(check, 150);
        checkMatch();
    });
    confirm.addEventListener("input", checkMatch);

    const generate = form.querySelector("#generate");
    const copy = form.querySelector("#copy");
    const status = form.querySelector("#generate-status");
    if (generate) {
        generate.hidden = false;
        generate.addEventListener("click", async () => {
            const body = form.dataset.token ? { token: form.dataset.token } : { email: form.dataset.email };
            const response = await fetch("/api/v1/passwords/generate", {
                method: "POST",
                credentials: "same-origin",
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify(body),
            });
            if (!response.ok) {
                status.textContent = text("GenerateFailed");
                return;
            }
            const generated = (await response.json()).password;
            password.value = generated;
            confirm.value = generated;
            password.type = "text";
            const toggle = form.querySelector("[data-toggle-password='new-password']");
            if (toggle) {
                toggle.setAttribute("aria-pressed", "true");
                toggle.textContent = text("Hide");
            }
            copy.hidden = false;
            status.textContent = text("Generated");
            checkMatch();
            await check();
        });
        copy.addEventListener("click", async () => {
            try {
                await navigator.clipboard.writeText(password.value);
                status.textContent = text("Copied");
            } catch {
                password.select();
                status.textContent = text("CopyByHand");
            }
        });
    }
}
