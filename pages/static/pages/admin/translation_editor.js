/*
 * The editors' language switch (pages/translation_editor.py writes the data it reads).
 *
 * Shows one language's translated fields at a time (or all), never hiding other fields or a field
 * with an error; in Kyrgyz and English each field shows its Russian source above it, and StreamField
 * and rich-text fields get "Copy from Russian". Fields are found by their panel ids
 * (panel-…-<name>_<code>-section / -wrapper), never by their labels.
 */
(() => {
  "use strict";

  const dataNode = document.getElementById("sos-translation-editor-data");
  const form = document.querySelector("form[data-edit-form]");
  if (!dataNode || !form) return;
  const data = JSON.parse(dataNode.textContent);
  if (!data.fields.length) return;

  const ALL = "all";
  const codes = data.languages.map(([code]) => code).filter((code) => code !== ALL);
  const strings = data.strings;
  let dirty = false;

  function containersFor(name, code) {
    const localized = CSS.escape(`${name}_${code}`);
    const sections = [...form.querySelectorAll(`section[id^="panel-"][id$="-${localized}-section"]`)];
    if (sections.length) return sections;
    return [...form.querySelectorAll(`[id^="panel-"][id$="-${localized}-wrapper"]`)].map(
      (wrapper) => wrapper.closest(".w-panel__wrapper") || wrapper,
    );
  }

  function hasError(container) {
    return Boolean(container.querySelector(".error-message, [aria-invalid='true'], .w-field--error"));
  }

  const containers = {};
  for (const name of data.fields) {
    containers[name] = {};
    for (const code of codes) containers[name][code] = containersFor(name, code);
  }
  if (!Object.values(containers).some((byCode) => Object.values(byCode).some((list) => list.length))) return;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function csrfToken() {
    const input = form.querySelector("input[name='csrfmiddlewaretoken']");
    return input ? input.value : "";
  }

  function post(url, fields) {
    const body = new URLSearchParams(fields);
    return fetch(url, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest" },
    });
  }

  async function copyFromSource(name, code, button) {
    if (dirty) {
      window.alert(strings.unsaved);
      return;
    }
    const source = data.sources[name];
    let overwrite = !source.targets_empty[code];
    if (overwrite && !window.confirm(strings.confirm)) return;
    button.disabled = true;
    let response = await post(data.copy_url, { field: name, language: code, overwrite: overwrite ? "1" : "0" });
    if (response.status === 409 && window.confirm(strings.confirm)) {
      overwrite = true;
      response = await post(data.copy_url, { field: name, language: code, overwrite: "1" });
    }
    if (response.ok) {
      window.location.reload();
      return;
    }
    button.disabled = false;
    if (response.status !== 409) window.alert(strings.failed);
  }

  function sourceBox(name, code) {
    const source = data.sources[name];
    const box = element("div", "sos-source");
    box.dataset.sourceFor = `${name}_${code}`;
    const label = element("p", "sos-source__label", strings.source);
    box.append(label);
    const body = element("div", `sos-source__body sos-source__body--${source.kind}`);
    body.lang = data.source_language;
    if (source.kind === "stream") {
      const list = element("ol", "sos-source__blocks");
      for (const block of source.blocks) {
        const item = element("li");
        item.append(element("span", "sos-source__block-type", block.type));
        if (block.text) item.append(" ", element("span", "sos-source__block-text", block.text));
        list.append(item);
      }
      body.append(list);
    } else if (source.kind === "rich") {
      body.innerHTML = source.html; // rendered on the server from the saved rich text
    } else {
      body.textContent = source.text;
    }
    box.append(body);
    if (data.copyable.includes(name)) {
      const button = element("button", "button button-small button-secondary sos-source__copy", strings.copy);
      button.type = "button";
      button.dataset.copy = `${name}_${code}`;
      button.addEventListener("click", () => copyFromSource(name, code, button));
      box.append(button);
    }
    return box;
  }

  function addSources() {
    for (const [name, source] of Object.entries(data.sources)) {
      if (source.empty || !containers[name]) continue;
      for (const code of codes) {
        if (code === data.source_language) continue;
        for (const container of containers[name][code]) {
          const box = sourceBox(name, code);
          const content = container.querySelector(":scope > .w-panel__content");
          const field = container.querySelector(":scope > .w-field__wrapper");
          if (content) content.prepend(box);
          else if (field) field.before(box);
          else container.prepend(box);
        }
      }
    }
  }

  const buttons = {};

  function show(language) {
    form.dataset.editingLanguage = language;
    for (const byCode of Object.values(containers)) {
      for (const [code, list] of Object.entries(byCode)) {
        for (const container of list) {
          const hidden = language !== ALL && code !== language && !hasError(container);
          container.classList.toggle("sos-lang-hidden", hidden);
        }
      }
    }
    for (const [code, button] of Object.entries(buttons)) {
      button.setAttribute("aria-pressed", String(code === language));
    }
  }

  function buildSwitch(current) {
    const bar = element("div", "sos-language-switch");
    bar.setAttribute("role", "group");
    const heading = element("span", "sos-language-switch__label", strings.switch);
    heading.id = "sos-language-switch-label";
    bar.setAttribute("aria-labelledby", heading.id);
    bar.append(heading);
    for (const [code, name] of data.languages) {
      const button = element("button", "sos-language-switch__button", name);
      button.type = "button";
      button.dataset.language = code;
      if (code !== ALL) button.lang = code;
      button.addEventListener("click", () => {
        show(code);
        post(data.preference_url, { language: code });
      });
      buttons[code] = button;
      bar.append(button);
    }
    // Above the first field, inside the form's column: under the tabs in the page editor.
    const firstPanel = form.querySelector(".w-tabs__panel");
    if (firstPanel) firstPanel.before(bar);
    else form.prepend(bar);
    show(current);
  }

  function languageFromHash() {
    // The publish warning links to #id_<field>_<code>: open that language so the field is visible.
    const match = /^#id_(.+)_([a-z]{2,3})$/.exec(window.location.hash);
    return match && data.fields.includes(match[1]) && codes.includes(match[2]) ? match[2] : null;
  }

  addSources();
  buildSwitch(languageFromHash() || data.language);
  form.addEventListener("input", () => {
    dirty = true;
  });
})();
