// View of kit.SearchLog (anywidget ES module; no build step, no dependencies).
//
// Python owns the log. This view shows a form (native, labelled inputs: usable by keyboard alone)
// and the log as a table; it *proposes* changes with model.send({type: "medialit-log", ...}) and
// redraws when Python sends back the cleaned `entries`.

let viewCounter = 0;

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "className") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function render({ model, el: root }) {
  viewCounter += 1;
  const uid = `mlsl-${viewCounter}-${Math.random().toString(36).slice(2, 8)}`;
  let seq = 0;
  let editing = -1;
  const box = el("div", { className: "mlsl", role: "group", "aria-labelledby": `${uid}-title` });
  const title = el("h3", { className: "mlsl-title", id: `${uid}-title`, text: "My search log" });
  const help = el("p", {
    className: "mlsl-help",
    text: "One line per search. Fill in the boxes and press \u201cAdd to log\u201d. Your log is saved as you go.",
  });
  const form = el("form", { className: "mlsl-form", "aria-label": "Add a search to the log" });
  const inputs = {};
  for (const field of model.get("fields")) {
    const id = `${uid}-${field.name}`;
    let input;
    if (field.name === "trust" || field.name === "side") {
      const options = model.get(field.name === "trust" ? "trust_options" : "side_options");
      input = el("select", { id, name: field.name }, [
        el("option", { value: "", text: "(choose)" }),
        ...options.map((o) => el("option", { value: o, text: o })),
      ]);
    } else if (field.name === "says") {
      input = el("textarea", { id, name: field.name, rows: "2" });
    } else {
      input = el("input", { id, name: field.name, type: "text", autocomplete: "off" });
    }
    inputs[field.name] = input;
    form.append(el("div", { className: "mlsl-row" }, [el("label", { for: id, text: field.label }), input]));
  }
  const submit = el("button", { type: "submit", className: "mlsl-add", text: "Add to log" });
  const cancel = el("button", { type: "button", className: "mlsl-cancel", text: "Cancel editing" });
  cancel.hidden = true;
  form.append(el("div", { className: "mlsl-buttons" }, [submit, cancel]));
  const status = el("p", { className: "mlsl-status", role: "status", "aria-live": "polite" });
  const tableWrap = el("div", { className: "mlsl-table-wrap" });
  box.append(title, help, form, status, tableWrap);
  root.append(box);

  // Keys typed in the form belong to the form, not to JupyterLab's shortcuts ("m" would turn the cell
  // into Markdown while a learner types into a drop-down). Lumino skips shortcuts inside an element marked
  // data-lm-suppress-shortcuts; for Ctrl/Cmd combinations (Ctrl+S saves) and Shift+Enter the mark is
  // lifted for that one key press, from a window capture listener that runs before Lumino's.
  // Lumino tests the focused element itself before it looks for the mark, so every control carries it.
  const SUPPRESS = "data-lm-suppress-shortcuts";
  const marked = () => [box, ...box.querySelectorAll("input, select, textarea, button")];
  const mark = () => marked().forEach((node) => node.setAttribute(SUPPRESS, "true"));
  const passThrough = (e) => e.ctrlKey || e.metaKey || (e.shiftKey && e.key === "Enter");
  const lift = (e) => {
    if (!box.contains(e.target) || !passThrough(e)) return;
    marked().forEach((node) => node.removeAttribute(SUPPRESS));
    setTimeout(mark, 0);
  };
  window.addEventListener("keydown", lift, true);
  const stopKeys = (e) => {
    if (!passThrough(e) && e.key !== "Tab") e.stopPropagation();
  };
  box.addEventListener("keydown", stopKeys);

  function values() {
    const entry = {};
    for (const [name, input] of Object.entries(inputs)) entry[name] = input.value;
    return entry;
  }
  function clearForm() {
    for (const input of Object.values(inputs)) input.value = "";
    editing = -1;
    submit.textContent = "Add to log";
    cancel.hidden = true;
  }
  function send(kind, extra) {
    seq += 1;
    model.send({ type: "medialit-log", kind, seq, ...extra });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const entry = values();
    if (!Object.values(entry).some((v) => v.trim())) {
      status.textContent = "The boxes are empty: write at least what you searched for.";
      inputs.query.focus();
      return;
    }
    if (editing >= 0) send("update", { index: editing, entry });
    else send("add", { entry });
    clearForm();
    inputs.query.focus();
  });
  cancel.addEventListener("click", () => {
    clearForm();
    status.textContent = "Editing cancelled.";
    inputs.query.focus();
  });

  function draw() {
    const entries = model.get("entries");
    const readonly = model.get("readonly");
    // a redraw (the kernel's echo) must not take the keyboard focus away from a row's button
    const active = document.activeElement;
    const focused = tableWrap.contains(active) ? active.getAttribute("aria-label") : null;
    form.hidden = readonly;
    help.hidden = readonly;
    tableWrap.replaceChildren();
    if (!entries.length) {
      tableWrap.append(el("p", { className: "mlsl-empty", text: "No searches logged yet." }));
      return;
    }
    const fields = model.get("fields");
    const head = el("tr", {}, [
      el("th", { scope: "col", text: "#" }),
      ...fields.map((f) => el("th", { scope: "col", text: f.label })),
      ...(readonly ? [] : [el("th", { scope: "col", text: "Change" })]),
    ]);
    const rows = entries.map((entry, index) => {
      const cells = [
        el("th", { scope: "row", text: String(index + 1) }),
        ...fields.map((f) => el("td", { text: entry[f.name] || "\u2014" })),
      ];
      if (!readonly) {
        const edit = el("button", { type: "button", text: "Edit", "aria-label": `Edit search ${index + 1}` });
        const remove = el("button", {
          type: "button",
          text: "Remove",
          "aria-label": `Remove search ${index + 1}`,
        });
        edit.addEventListener("click", () => {
          for (const [name, input] of Object.entries(inputs)) input.value = entry[name] || "";
          editing = index;
          submit.textContent = `Save search ${index + 1}`;
          cancel.hidden = false;
          inputs.query.focus();
        });
        remove.addEventListener("click", () => {
          send("remove", { index });
          if (editing === index) clearForm();
          inputs.query.focus();
        });
        cells.push(el("td", { className: "mlsl-actions" }, [edit, remove]));
      }
      return el("tr", {}, cells);
    });
    const table = el("table", { className: "mlsl-table" }, [
      el("caption", { text: `Searches logged: ${entries.length}` }),
      el("thead", {}, [head]),
      el("tbody", {}, rows),
    ]);
    tableWrap.append(table);
    if (focused) {
      const buttons = [...tableWrap.querySelectorAll("button")];
      const again = buttons.find((b) => b.getAttribute("aria-label") === focused);
      if (again) again.focus();
    }
    mark();
  }

  draw();
  mark();
  model.on("change:entries", draw);
  model.on("change:readonly", draw);
  model.on("change:message", () => {
    status.textContent = model.get("message");
  });
  return () => {
    window.removeEventListener("keydown", lift, true);
    box.removeEventListener("keydown", stopKeys);
    model.off("change:entries", draw);
    model.off("change:readonly", draw);
  };
}

export default { render };
