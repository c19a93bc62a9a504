/* Progressive enhancement of the pledge form: the form works fully without this file. */
(function () {
    "use strict";
    function enhance(form) {
        var other = form.querySelector("input[name='other_amount']");
        var currencies = form.querySelectorAll("input[name='currency']");
        var groups = form.querySelectorAll(".preset-group");
        function showCurrency() {
            var chosen = form.querySelector("input[name='currency']:checked");
            groups.forEach(function (group) {
                group.hidden = chosen ? group.getAttribute("data-currency") !== chosen.value : false;
            });
        }
        currencies.forEach(function (input) { input.addEventListener("change", showCurrency); });
        showCurrency();
        // A suggested amount and the "other amount" exclude each other.
        form.querySelectorAll(".preset-group input[type='radio']").forEach(function (radio) {
            radio.addEventListener("change", function () { if (other) { other.value = ""; } });
        });
        if (other) {
            other.addEventListener("input", function () {
                if (!other.value) { return; }
                form.querySelectorAll(".preset-group input[type='radio']:checked").forEach(function (radio) {
                    radio.checked = false;
                });
            });
        }
        // Take screen-reader and keyboard users straight to the list of problems.
        var summary = form.querySelector(".error-summary");
        if (summary) { summary.focus(); }
    }
    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll(".pledge-form").forEach(enhance);
    });
})();
