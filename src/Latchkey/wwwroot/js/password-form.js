// Live feedback for password forms marked data-password-form: show/hide toggles, a checklist that ticks as the
// user types (the server's own rules, from /api/v1/passwords/check), a strength meter, and the confirmation check.
// Without this script the form still works: the server judges every rule on submit.
const form = document.querySelector("[data-password-form]");

if (form) {
    for (const button of form.querySelectorAll("[data-toggle-password]")) {
        button.hidden = false;
        button.addEventListener("click", () => {
            const input = document.getElementById(button.dataset.togglePassword);
            const show = input.type === "password";
            input.type = show ? "text" : "password";
            button.setAttribute("aria-pressed", String(show));
            button.textContent = show ? "Hide" : "Show";
        });
    }

    const password = form.querySelector("#new-password");
    const confirm = form.querySelector("#confirm-password");
    const confirmError = form.querySelector("#confirm-password-error");
    const strength = form.querySelector("#strength");
    const meter = form.querySelector("#strength-meter");
    const strengthText = form.querySelector("#strength-text");
    const words = ["Very weak", "Weak", "Fair", "Strong", "Very strong"];
    let timer;
    let latest = 0;

    const checkMatch = () => {
        if (!confirm.value) {
            confirmError.textContent = "";
            confirm.setAttribute("aria-invalid", "false");
            return;
        }
        const same = confirm.value === password.value;
        confirmError.textContent = same ? "" : "The new password and its confirmation do not match.";
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
                item.querySelector(".rule-state").textContent = password.value ? (rule.met ? "met" : "not met") : "";
            }
        }
        strength.hidden = !password.value;
        meter.value = result.score;
        strengthText.textContent = password.value ? `${words[result.score]}${result.crackTime ? ` (cracked in ${result.crackTime})` : ""}` : "";
    };

    password.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(check, 150);
        checkMatch();
    });
    confirm.addEventListener("input", checkMatch);
}
