// Pop-up calendar on every <input data-datepicker> (the shared DateInput of common/widgets.py and
// generic/_date_input.html): jQuery UI's datepicker from the XStatic packages, loaded only on a
// page that has such an input. Always dd/mm/yyyy ("yy" is a four-digit year in jQuery UI) and
// weeks from Monday, with the words rendered by the server in the page's language (data-texts
// on this script's tag), whatever the browser's own language. Typing stays free: constrainInput
// is off, so dd-mm-yyyy and ISO dates, which the server also reads, can still be typed.
// parindex's own code; no inline script (the CSP forbids it).
(function () {
  "use strict";
  var config = document.currentScript.dataset;
  var loading = null;

  function load(url) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = url;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }

  function jqueryUi() {
    if (loading) return loading;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = config.css;
    document.head.appendChild(css);
    loading = load(config.jquery)
      .then(function () { return load(config.jqueryUi); })
      .then(function () {
        var $ = window.jQuery;
        $.datepicker.setDefaults(Object.assign(JSON.parse(config.texts), {
          dateFormat: "dd/mm/yy",
          firstDay: 1,
          isRTL: false,
          showMonthAfterYear: false,
          yearSuffix: "",
          showOn: "focus",
          constrainInput: false,
          showButtonPanel: true,
          changeYear: true,
          // jQuery UI's own "change" reaches jQuery handlers only; htmx (list filters, autosave)
          // listens to the DOM's, so a picked day sends a real one.
          onSelect: function () {
            this.dispatchEvent(new Event("change", { bubbles: true }));
          }
        }));
        return $;
      });
    return loading;
  }

  function attach(root) {
    var inputs = Array.prototype.slice.call(root.querySelectorAll("input[data-datepicker]"));
    if (root.matches && root.matches("input[data-datepicker]")) inputs.push(root);
    if (!inputs.length) return;
    jqueryUi().then(function ($) {
      $(inputs).datepicker();
      // A field focused while the files were loading opens now rather than on the next focus.
      if (inputs.indexOf(document.activeElement) >= 0) $(document.activeElement).datepicker("show");
    });
  }

  document.addEventListener("DOMContentLoaded", function () { attach(document); });
  document.addEventListener("htmx:afterSettle", function (event) { attach(event.target); });
})();
