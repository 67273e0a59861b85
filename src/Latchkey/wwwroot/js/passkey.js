// Passkeys (WebAuthn): the browser side of the ceremonies. The options come from /api/v1 as JSON with binary fields
// in base64url; the browser's answer goes back the same way inside the page's form (hidden field "credential"), so
// the page handler signs in or stores the passkey and shows the result. Texts come from data-text-* attributes.

const toBytes = (value) => {
    const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
};

const toBase64Url = (buffer) => {
    if (!buffer) {
        return null;
    }

    let binary = "";
    for (const byte of new Uint8Array(buffer)) {
        binary += String.fromCharCode(byte);
    }

    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

const descriptors = (list) => (list || []).map((c) => ({ ...c, id: toBytes(c.id) }));

// The API takes JSON; a page handler (the second sign-in step, whose challenge cookie only /login sees) takes the
// page's form with its anti-forgery token.
const fetchOptions = async (url, form) => {
    const response = await fetch(url, form
        ? { method: "POST", credentials: "same-origin", headers: { Accept: "application/json" }, body: new FormData(form) }
        : { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: "{}" });
    const json = await response.json().catch(() => ({}));
    return { ok: response.ok, code: json.code, json };
};

const showError = (form, text) => {
    const box = form.querySelector("[data-passkey-error]");
    if (box) {
        box.textContent = text;
        box.hidden = false;
    }
};

const register = async (form) => {
    if (form.elements.name.value.trim() === "") {
        form.submit();
        return;
    }

    const { ok, code, json } = await fetchOptions("/api/v1/me/passkeys/options");
    if (!ok) {
        if (code === "step_up_required") {
            form.submit();
        } else {
            showError(form, form.dataset.textFailed);
        }
        return;
    }

    const credential = await navigator.credentials.create({
        publicKey: {
            ...json,
            challenge: toBytes(json.challenge),
            user: { ...json.user, id: toBytes(json.user.id) },
            excludeCredentials: descriptors(json.excludeCredentials),
        },
    });
    form.elements.credential.value = JSON.stringify({
        id: credential.id,
        rawId: toBase64Url(credential.rawId),
        type: credential.type,
        response: {
            attestationObject: toBase64Url(credential.response.attestationObject),
            clientDataJSON: toBase64Url(credential.response.clientDataJSON),
            transports: credential.response.getTransports ? credential.response.getTransports() : [],
        },
        clientExtensionResults: credential.getClientExtensionResults(),
    });
    form.submit();
};

const signIn = async (form) => {
    const secondFactor = form.dataset.passkeySignin === "second-factor";
    const { ok, json } = secondFactor
        ? await fetchOptions("/login/two-factor?handler=PasskeyOptions", form)
        : await fetchOptions("/api/v1/session/passkey/options");
    if (!ok) {
        showError(form, json.title ? form.dataset.textRefused : form.dataset.textFailed);
        return;
    }

    form.elements.credential.value = JSON.stringify(await assert(json));
    form.submit();
};

// Step-up in place: the account's passkey confirms it is them (the API marks the session), then the sensitive form is
// sent again as the person sent it, without a code (the code field is no longer required and not sent).
const stepUp = async (button) => {
    const form = button.form;
    const { ok, json } = await fetchOptions("/api/v1/me/step-up/passkey/options");
    if (!ok) {
        showError(form, button.dataset.textFailed);
        return;
    }

    const response = await fetch("/api/v1/me/step-up/passkey", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ credential: await assert(json) }),
    });
    if (!response.ok) {
        showError(form, button.dataset.textFailed);
        return;
    }

    const code = form.elements.stepUpCode;
    if (code) {
        code.required = false;
        code.disabled = true;
    }

    button.disabled = true;
    const heading = form.querySelector("#step-up-heading");
    if (heading) {
        heading.textContent = button.dataset.textDone;
    }

    if (form.requestSubmit) {
        form.requestSubmit();
    } else {
        form.submit();
    }
};

// navigator.credentials.get for assertion options, answered in the JSON shape the API takes.
const assert = async (json) => {
    const credential = await navigator.credentials.get({
        publicKey: { ...json, challenge: toBytes(json.challenge), allowCredentials: descriptors(json.allowCredentials) },
    });
    return {
        id: credential.id,
        rawId: toBase64Url(credential.rawId),
        type: credential.type,
        response: {
            authenticatorData: toBase64Url(credential.response.authenticatorData),
            signature: toBase64Url(credential.response.signature),
            clientDataJSON: toBase64Url(credential.response.clientDataJSON),
            userHandle: toBase64Url(credential.response.userHandle),
        },
        clientExtensionResults: credential.getClientExtensionResults(),
    };
};

const wire = (form, ceremony) => {
    if (!window.PublicKeyCredential) {
        showError(form, form.dataset.textUnsupported);
        form.querySelectorAll("button").forEach((b) => { b.disabled = true; });
        return;
    }

    form.addEventListener("submit", (event) => {
        if (form.elements.credential.value !== "") {
            return;
        }

        event.preventDefault();
        ceremony(form).catch(() => showError(form, form.dataset.textFailed));
    });
};

document.querySelectorAll("form[data-passkey-register]").forEach((form) => wire(form, register));
document.querySelectorAll("form[data-passkey-signin]").forEach((form) => wire(form, signIn));
document.querySelectorAll("button[data-passkey-stepup]").forEach((button) => {
    if (!window.PublicKeyCredential || !button.form) {
        return;
    }

    button.hidden = false;
    button.addEventListener("click", () => {
        stepUp(button).catch(() => showError(button.form, button.dataset.textFailed));
    });
});
