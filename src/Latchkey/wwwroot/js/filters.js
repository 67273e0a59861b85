// "Select domain" (and every select marked data-submit-on-change) applies as soon as it changes; the Apply button
// stays for browsers without JavaScript.
for (const select of document.querySelectorAll("select[data-submit-on-change]")) {
    const initial = select.value;
    select.addEventListener("change", () => {
        if (select.value !== initial) {
            select.form?.requestSubmit();
        }
    });
}
