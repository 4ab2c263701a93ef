// View of kit.Highlighter (anywidget ES module; no build step, no dependencies).
//
// Python owns the highlights. This view draws the article, keeps a caret and a selection, and
// *proposes* edits to Python with model.send({type: "medialit-edit", seq, ...}). It is optimistic:
// the edit is drawn at once (a pending mark, dashed outline) so a key press never waits for the
// kernel; Python checks the edit, saves it and sends back `spans` with `handled_seq` in one update.
// What is shown is always Python's spans plus the edits Python has not handled yet, so a refused
// edit disappears again (with Python's message) and nothing is drawn twice. Offsets from Python
// count Unicode code points; JavaScript strings count UTF-16 units, so every offset is converted at
// the edge (see OffsetMap).

const WORD_RE = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const SENTENCE_RE = /[^.!?]+(?:[.!?]+["”’)]*|$)/g;

// The kit's source convention (docs/READING.md), shown when a label is about sources.
function sourceHelp(labels) {
  if (!labels.some((label) => /source/i.test(label))) return "";
  return " For a named source, mark the name; its title and the word like \u201csaid\u201d may go with it. " +
    "For a vague source, mark the words for the unnamed speaker, like \u201cpoliticians\u201d. " +
    "A later \u201cHe said\u201d for the same person is fine but not needed.";
}
const PASS_THROUGH_KEYS = new Set(["Tab", "F1", "F5", "F11", "F12"]);
const SLOW_MS = 2000; // a pending edit older than this: say that Python is busy
const STUCK_MS = 10000; // ... older than this: say that it may never be saved
let viewCounter = 0;
// The edit counter is per widget model, not per view: two views of one widget share the numbers
// Python's handled_seq counts.
const seqs = new WeakMap();

function nextSeq(model) {
  const seq = Math.max(seqs.get(model) || 0, Number(model.get("handled_seq")) || 0) + 1;
  seqs.set(model, seq);
  return seq;
}

// What Python will do with one edit (mirrors Highlighter._apply_edit); undo and redo are left to
// Python, which holds the history. An edit Python would refuse changes nothing here either.
function applyEdit(spans, edit) {
  const key = edit.span ? spanKey(edit.span) : null;
  const without = (k) => spans.filter((x) => spanKey(x) !== k);
  const old = key ? spans.find((x) => spanKey(x) === key) : null;
  switch (edit.kind) {
    case "clear": return [];
    case "add": return [...without(key), { ...edit.span, note: "" }];
    case "remove": return without(key);
    case "relabel": {
      if (!old) return spans;
      const next = { start: old.start, end: old.end, label: edit.label, note: old.note || "" };
      return [...without(key).filter((x) => spanKey(x) !== spanKey(next)), next];
    }
    case "note":
      return old ? [...without(key), { ...old, note: edit.note }] : spans;
    default: return spans;
  }
}

// Converts between Python offsets (code points) and JS offsets (UTF-16 units).
class OffsetMap {
  constructor(text) {
    this.identity = !/[\uD800-\uDBFF]/.test(text);
    if (this.identity) return;
    this.toU16 = [];
    this.toCp = new Map();
    let u = 0;
    let cp = 0;
    for (const ch of text) {
      this.toU16.push(u);
      this.toCp.set(u, cp);
      u += ch.length;
      cp += 1;
    }
    this.toU16.push(u);
    this.toCp.set(u, cp);
  }
  u16(cp) {
    return this.identity ? cp : this.toU16[Math.max(0, Math.min(cp, this.toU16.length - 1))];
  }
  cp(u) {
    if (this.identity) return u;
    while (!this.toCp.has(u) && u > 0) u -= 1; // inside a surrogate pair: step back to its start
    return this.toCp.get(u);
  }
}

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) node.append(child);
  return node;
}

function spanKey(span) {
  return `${span.start}:${span.end}:${span.label}`;
}

function quote(text, max = 80) {
  const flat = text.replace(/\s+/g, " ").trim();
  return `“${flat.length > max ? flat.slice(0, max - 1) + "…" : flat}”`;
}

class HighlighterView {
  constructor(model, root) {
    this.model = model;
    this.root = root;
    this.uid = `mlh${++viewCounter}-${Math.random().toString(36).slice(2, 7)}`;
    this.caret = 0; // word index
    this.anchor = null; // word index where a keyboard selection started, or null
    this.selection = null; // {start, end} in UTF-16 units, from the mouse or the keyboard
    this.active = null; // key (Python offsets) of the selected highlight
    this.pending = []; // edits sent to Python and not yet handled: {seq, kind, span, label, note, at}
    this.outbox = []; // edits drawn and not yet sent (they go just after the frame that shows them)
    this.build();
    this.loadModel();
    this.renderAll();
  }

  // ---------- model ----------
  loadModel() {
    const m = this.model;
    this.text = m.get("text") || "";
    this.map = new OffsetMap(this.text);
    this.labels = m.get("labels") || [];
    this.readonly = !!m.get("readonly");
    this.blocks = (m.get("blocks") || []).map((b) => ({
      ...b, s: this.map.u16(b.start), e: this.map.u16(b.end),
    }));
    if (!this.blocks.length && this.text) {
      this.blocks = [{ id: "p1", kind: "paragraph", s: 0, e: this.text.length }];
    }
    // the article's words come from Python (kit.segment, the kit's one tokenizer); WORD_RE is only
    // the fallback for a model that sends none
    this.words = [];
    const given = m.get("words") || [];
    if (given.length) {
      let bi = 0;
      for (const [start, end] of given) {
        const s = this.map.u16(start);
        while (bi < this.blocks.length - 1 && this.blocks[bi].e <= s) bi += 1;
        const block = this.blocks[bi];
        if (block && s >= block.s && s < block.e) this.words.push({ s, e: this.map.u16(end), block: block.id });
      }
    } else {
      for (const block of this.blocks) {
        const part = this.text.slice(block.s, block.e);
        for (const match of part.matchAll(WORD_RE)) {
          const s = block.s + match.index;
          this.words.push({ s, e: s + match[0].length, block: block.id });
        }
      }
    }
    this.sentences = (m.get("sentences") || []).map((x) => ({ s: this.map.u16(x.start), e: this.map.u16(x.end) }));
    if (!this.sentences.length) {
      for (const block of this.blocks) {
        const part = this.text.slice(block.s, block.e);
        for (const match of part.matchAll(SENTENCE_RE)) {
          if (match[0].trim()) this.sentences.push({ s: block.s + match.index, e: block.s + match.index + match[0].length });
        }
      }
    }
    // each word's sentence index, so Up/Down can move by sentence
    let si = 0;
    for (const word of this.words) {
      while (si < this.sentences.length - 1 && this.sentences[si].e <= word.s) si += 1;
      word.sentence = si;
    }
    this.caret = Math.min(this.caret, Math.max(0, this.words.length - 1));
    this.loadSpans();
  }

  loadSpans() {
    const handled = Number(this.model.get("handled_seq")) || 0;
    this.pending = this.pending.filter((p) => p.seq > handled);
    const confirmed = this.model.get("spans") || [];
    const saved = new Set(confirmed.map((x) => `${spanKey(x)}:${x.note || ""}`));
    const shown = this.pending.reduce(applyEdit, confirmed);
    this.spans = shown.map((x) => ({
      ...x, s: this.map.u16(x.start), e: this.map.u16(x.end), key: spanKey(x),
      li: Math.max(0, this.labels.indexOf(x.label)),
      pending: !saved.has(`${spanKey(x)}:${x.note || ""}`),
    }));
    this.spans.sort((a, b) => a.s - b.s || b.e - a.e);
    // rows: overlapping highlights get different rows, drawn as stacked underlines
    const rows = [];
    for (const span of this.spans) {
      let row = 0;
      while (rows.some((o) => o.row === row && o.s < span.e && span.s < o.e)) row += 1;
      span.row = row;
      rows.push(span);
    }
    if (this.active && !this.spans.some((x) => x.key === this.active)) this.active = null;
    this.root.dataset.pending = String(this.pending.length);
  }

  // Draw one edit's effect now (only the paragraphs it changes), and send it to Python just after the
  // frame that shows it: the mark's frame holds only the drawing (see afterFrame).
  send(kind, extra = {}) {
    const edit = { kind, seq: nextSeq(this.model), ...extra };
    if (kind !== "undo" && kind !== "redo") {
      this.pending.push({ ...edit, at: performance.now() });
      this.refresh();
      this.watchPending();
    }
    this.outbox.push(edit);
    this.afterFrame(() => this.flushOutbox());
  }

  // Edits go to Python in the order they were made, each once.
  flushOutbox() {
    while (this.outbox.length && !this.lost) {
      const edit = this.outbox[0];
      try {
        this.model.send({ type: "medialit-edit", ...edit });
      } catch (err) { // the widget's link to Python is gone: the kernel restarted or stopped
        this.lost = true;
        this.renderPending();
        return;
      }
      this.outbox.shift();
    }
  }

  // Run fn once the browser has drawn the next frame (after its paint), not before it: rAF runs just
  // before the frame's style, layout and paint, and a task queued from there runs after them. A page
  // that draws no frames (hidden) gets fn after 100 ms all the same.
  afterFrame(fn) {
    let done = false;
    const once = () => { if (!done) { done = true; fn(); } };
    requestAnimationFrame(() => setTimeout(once, 0));
    setTimeout(once, 100);
  }

  // Redraw after the shown spans may have changed: Python's reply, or an edit of our own.
  refresh() {
    const before = this.blockSigs || {};
    this.loadSpans();
    this.blockSigs = this.signatures();
    const changed = this.blocks.filter((b) => before[b.id] !== this.blockSigs[b.id]);
    if (changed.length) {
      for (const block of changed) this.renderBlock(block);
      this.pieces = this.blocks.flatMap((b) => this.blockPieces[b.id] || []);
      this.paintCaret();
    }
    if (this.editing) this.renderEditor();
    this.renderPending();
  }

  // What each block shows, as a string: a block is redrawn only when its string changes.
  signatures() {
    const sigs = {};
    for (const x of this.spans) {
      const block = this.blocks.find((b) => b.s <= x.s && x.s < b.e);
      if (!block) continue;
      sigs[block.id] = (sigs[block.id] || "") + `${x.key}:${x.row}:${x.pending ? 1 : 0}:${x.note || ""}|`;
    }
    return sigs;
  }

  // While edits wait for Python, check now and then how long, and say so when it is long.
  watchPending() {
    if (this.pendingTimer) return;
    this.pendingTimer = setInterval(() => {
      this.renderPending();
      if (!this.pending.length) { clearInterval(this.pendingTimer); this.pendingTimer = null; }
    }, 500);
  }

  renderPending() {
    const oldest = this.pending.length ? performance.now() - this.pending[0].at : 0;
    let text = "";
    if (this.lost) {
      text = "Python is no longer connected to this highlighter (the kernel restarted or stopped), " +
        "so your last change was not saved. Run this cell again to go on; your saved marks come back.";
    } else if (oldest > STUCK_MS) {
      text = `Python has not answered for ${Math.round(oldest / 1000)} seconds, so ${this.pending.length} change(s) ` +
        "with a dashed outline are not saved yet. If a cell is still running, wait for it. " +
        "If the kernel was restarted, run this cell again and make those marks again.";
    } else if (oldest > SLOW_MS) {
      text = "Saving... Python is busy (a cell may be running). Your marks stay here and are saved when it is free.";
    }
    if (this.waiting.textContent !== text) this.waiting.textContent = text;
    this.waiting.hidden = !text;
  }

  pySpan(span) {
    return { start: span.start, end: span.end, label: span.label, note: span.note || "" };
  }

  // ---------- static parts ----------
  build() {
    const id = (name) => `${this.uid}-${name}`;
    this.root.classList.add("mlh");
    this.root.tabIndex = 0;
    this.root.setAttribute("role", "application");
    this.root.setAttribute("aria-roledescription", "highlighter");
    this.root.setAttribute("aria-describedby", id("help"));
    this.root.setAttribute("data-lm-suppress-shortcuts", "true");
    this.toolbar = el("div", { className: "mlh-toolbar", role: "toolbar", "aria-label": "Labels and undo" });
    this.legend = el("ul", { className: "mlh-legend", "aria-label": "Legend: how each label looks" });
    this.help = el("p", { className: "mlh-help", id: id("help") });
    this.article = el("div", { className: "mlh-article" });
    this.status = el("p", { className: "mlh-status", role: "status", "aria-live": "polite" });
    this.alert = el("p", { className: "mlh-message", role: "alert" });
    this.waiting = el("p", { className: "mlh-waiting", role: "status", hidden: true });
    this.editor = el("div", { className: "mlh-editor", role: "group", "aria-labelledby": id("edit-title"), hidden: true });
    this.root.append(this.legend, this.toolbar, this.help, this.article, this.editor, this.status, this.waiting, this.alert);
  }

  renderAll() {
    const started = performance.now();
    const q = this.model.get("question_id");
    this.root.setAttribute("aria-label", `Article highlighter${q ? ` for question ${q}` : ""}`);
    this.root.classList.toggle("mlh-readonly", this.readonly);
    this.renderLegend();
    this.renderToolbar();
    this.renderHelp();
    this.renderArticle();
    this.renderEditor();
    this.renderMessage();
    this.root.dataset.renderMs = (performance.now() - started).toFixed(2);
  }

  renderLegend() {
    this.legend.replaceChildren(
      ...this.labels.map((label, i) =>
        el("li", { className: "mlh-legend-item" }, [
          el("span", { className: `mlh-sample mlh-l${i}`, "aria-hidden": "true" }, [
            el("span", { className: `mlh-icon mlh-i${i}` }), "text",
          ]),
          this.readonly ? `${label}` : `${i + 1}: ${label}`,
        ]),
      ),
    );
  }

  renderToolbar() {
    this.toolbar.hidden = this.readonly;
    if (this.readonly) return this.toolbar.replaceChildren();
    const buttons = this.labels.map((label, i) => {
      const button = el("button", {
        type: "button", className: `mlh-btn mlh-label-btn`, "data-label": label,
        "aria-keyshortcuts": String(i + 1), title: `Mark the selection as “${label}” (key ${i + 1})`,
      }, [el("span", { className: `mlh-icon mlh-i${i}`, "aria-hidden": "true" }), `${i + 1} ${label}`]);
      button.addEventListener("click", () => this.applyLabel(i));
      return button;
    });
    this.undoBtn = el("button", { type: "button", className: "mlh-btn", "aria-keyshortcuts": "Control+Z", text: "Undo" });
    this.redoBtn = el("button", { type: "button", className: "mlh-btn", "aria-keyshortcuts": "Control+Y", text: "Redo" });
    this.undoBtn.addEventListener("click", () => this.send("undo"));
    this.redoBtn.addEventListener("click", () => this.send("redo"));
    this.toolbar.replaceChildren(...buttons, this.undoBtn, this.redoBtn);
    this.renderUndo();
  }

  renderUndo() {
    if (!this.undoBtn) return;
    this.undoBtn.disabled = !this.model.get("can_undo");
    this.redoBtn.disabled = !this.model.get("can_redo");
  }

  renderHelp() {
    const n = this.labels.length;
    const keys = n > 1 ? `1 to ${n}` : "1";
    this.help.textContent = this.readonly
      ? "Read only. Arrow keys move word by word. Up and Down move by sentence. ] and [ jump between marks. Enter shows a mark's note."
      : `Select words with the mouse, or click here and use the arrow keys. Hold Shift to select more. ` +
        `Up and Down move by sentence, Ctrl+Up and Ctrl+Down by paragraph. Press ${keys} to add a label. ] and [ jump between marks. ` +
        `Enter edits a mark, Delete removes it. Ctrl+Z undoes, Ctrl+Y redoes.` + sourceHelp(this.labels);
  }

  renderMessage() {
    this.alert.textContent = this.model.get("message") || "";
    this.alert.hidden = !this.alert.textContent;
  }

  // ---------- the article ----------
  renderArticle() {
    const frag = document.createDocumentFragment();
    this.blockNodes = {};
    this.blockPieces = {};
    for (const block of this.blocks) frag.append(this.renderBlock(block));
    this.article.replaceChildren(frag);
    this.pieces = this.blocks.flatMap((b) => this.blockPieces[b.id]);
    this.blockSigs = this.signatures();
    this.paintCaret();
  }

  // Draw one title, heading or paragraph (in place of its old node, if it had one).
  renderBlock(block) {
    const tag = block.kind === "title" ? "h3" : block.kind === "heading" ? "h4" : "p";
    const node = el(tag, { className: `mlh-block mlh-${block.kind}`, "data-block": block.id });
    this.pieces = [];
    this.fillBlock(node, block);
    this.blockPieces[block.id] = this.pieces;
    const old = this.blockNodes[block.id];
    if (old && old.parentNode) old.replaceWith(node);
    this.blockNodes[block.id] = node;
    return node;
  }

  fillBlock(node, block) {
    const cuts = new Set([block.s, block.e]);
    const inside = this.spans.filter((x) => x.s < block.e && x.e > block.s);
    for (const w of this.words) if (w.block === block.id) { cuts.add(w.s); cuts.add(w.e); }
    for (const x of inside) { cuts.add(Math.max(block.s, x.s)); cuts.add(Math.min(block.e, x.e)); }
    const points = [...cuts].sort((a, b) => a - b);
    let group = null; // current run of pieces with the same covering highlights
    for (let i = 0; i < points.length - 1; i += 1) {
      const s = points[i];
      const e = points[i + 1];
      if (s >= e) continue;
      const cover = inside.filter((x) => x.s <= s && x.e >= e).sort((a, b) => b.row - a.row);
      const sig = cover.map((x) => x.key).join("|");
      if (!group || group.sig !== sig) {
        group = { sig, holder: this.openMarks(node, cover, s) };
      }
      const piece = el("span", { className: "mlh-t", "data-s": s, "data-e": e, text: this.text.slice(s, e) });
      piece.ms = s; // the same offsets as numbers, for piecesIn
      piece.me = e;
      this.pieces.push(piece);
      group.holder.append(piece);
    }
  }

  // Nest one <mark> per covering highlight (outer = higher row); returns the innermost holder.
  openMarks(node, cover, s) {
    let holder = node;
    for (const x of cover) {
      const mark = el("mark", {
        className: `mlh-mark mlh-l${x.li} mlh-r${Math.min(x.row, 3)}${x.pending ? " mlh-pending" : ""}`,
        "data-key": x.key, "data-pending": x.pending,
        title: (x.note ? `${x.label}: ${x.note}` : x.label) + (x.pending ? " (saving...)" : ""),
      });
      if (x.key === this.active) mark.classList.add("mlh-active");
      if (x.s === s) mark.append(el("span", { className: `mlh-icon mlh-i${x.li}`, "aria-hidden": "true" }));
      holder.append(mark);
      holder = mark;
    }
    return holder;
  }

  selectionRange() {
    if (this.selection) return this.selection;
    if (!this.words.length) return null;
    const a = this.anchor === null ? this.caret : this.anchor;
    const lo = this.words[Math.min(a, this.caret)];
    const hi = this.words[Math.max(a, this.caret)];
    return { s: lo.s, e: hi.e };
  }

  // Only the pieces that gain or lose the caret or the selection are touched (a key press must not
  // visit every word of the article).
  paintCaret() {
    const word = this.words[this.caret];
    const range = this.active ? null : this.selectionRange();
    const showSel = this.selection || this.anchor !== null;
    const caret = new Set(word ? this.piecesIn(word.s, word.e) : []);
    const sel = new Set(showSel && range ? this.piecesIn(range.s, range.e) : []);
    const was = this.painted || { caret: new Set(), sel: new Set() };
    for (const piece of was.caret) if (!caret.has(piece)) piece.classList.remove("mlh-caret");
    for (const piece of was.sel) if (!sel.has(piece)) piece.classList.remove("mlh-sel");
    for (const piece of caret) piece.classList.add("mlh-caret");
    for (const piece of sel) piece.classList.add("mlh-sel");
    this.painted = { caret, sel };
    for (const mark of this.article.querySelectorAll("mark.mlh-mark")) {
      mark.classList.toggle("mlh-active", mark.dataset.key === this.active);
    }
  }

  // The text pieces inside s..e; pieces are in reading order, so a binary search finds the first.
  piecesIn(s, e) {
    const pieces = this.pieces;
    let lo = 0;
    let hi = pieces.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pieces[mid].ms < s) lo = mid + 1;
      else hi = mid;
    }
    const out = [];
    for (let i = lo; i < pieces.length && pieces[i].me <= e; i += 1) out.push(pieces[i]);
    return out;
  }

  // ---------- announcing ----------
  // The status line is a polite live region: it is updated just after the frame, so a key's own
  // drawing (a mark, the caret) is never held up by laying out the sentence read to screen readers.
  say(text) {
    const first = this.sayNext === undefined;
    this.sayNext = text;
    if (first) {
      this.afterFrame(() => {
        if (this.status.textContent !== this.sayNext) this.status.textContent = this.sayNext;
        this.sayNext = undefined;
      });
    }
  }

  describeSpan(span) {
    const i = this.spans.indexOf(span) + 1;
    const note = span.note ? ` Note: ${span.note}.` : "";
    const how = this.readonly ? "" : " Enter: edit. Delete: remove. A number: change the label.";
    return `Mark ${i} of ${this.spans.length}: ${quote(this.text.slice(span.s, span.e))}, ${span.label}.${note}${how}`;
  }

  // ---------- editing ----------
  applyLabel(i) {
    if (this.readonly || i < 0 || i >= this.labels.length) return;
    const label = this.labels[i];
    if (this.active) {
      const span = this.spans.find((x) => x.key === this.active);
      if (span && span.label !== label) {
        this.active = spanKey({ ...span, label });
        this.send("relabel", { span: this.pySpan(span), label });
        this.say(`Changed the label to ${label}.`);
      }
      return;
    }
    const range = this.selectionRange();
    if (!range || range.e <= range.s) return this.say("Select some words first.");
    const start = this.map.cp(range.s);
    const end = this.map.cp(range.e);
    this.send("add", { span: { start, end, label, note: "" } });
    this.say(`Marked ${quote(this.text.slice(range.s, range.e))} as ${label}.`);
    this.selection = null;
    this.anchor = null;
    this.paintCaret();
  }

  removeActive() {
    const span = this.spans.find((x) => x.key === this.active);
    if (!span || this.readonly) return;
    this.send("remove", { span: this.pySpan(span) });
    this.say(`Removed the mark on ${quote(this.text.slice(span.s, span.e))}.`);
    this.active = null;
    this.closeEditor(false);
  }

  selectSpan(span, announce = true) {
    this.active = span ? span.key : null;
    this.selection = null;
    this.anchor = null;
    if (span) {
      const w = this.words.findIndex((x) => x.e > span.s);
      if (w >= 0) this.caret = w;
      if (announce) this.say(this.describeSpan(span));
    }
    this.paintCaret();
  }

  jumpSpan(step) {
    if (!this.spans.length) return this.say("There are no marks yet.");
    let i = this.spans.findIndex((x) => x.key === this.active);
    if (i < 0) {
      const at = this.words[this.caret] ? this.words[this.caret].s : 0;
      i = step > 0 ? this.spans.findIndex((x) => x.s >= at) : this.spans.map((x) => x.s < at).lastIndexOf(true);
      if (i < 0) i = step > 0 ? 0 : this.spans.length - 1;
    } else {
      i = (i + step + this.spans.length) % this.spans.length;
    }
    this.selectSpan(this.spans[i]);
  }

  spansAt(offset) {
    return this.spans.filter((x) => x.s <= offset && offset < x.e).sort((a, b) => (a.e - a.s) - (b.e - b.s));
  }

  // ---------- the edit panel ----------
  openEditor() {
    const span = this.spans.find((x) => x.key === this.active);
    if (!span) return;
    this.editing = span.key;
    this.renderEditor();
    const first = this.editor.querySelector("input:checked, textarea, button");
    if (first) first.focus();
  }

  closeEditor(refocus = true) {
    this.editing = null;
    this.renderEditor();
    if (refocus) this.root.focus({ preventScroll: true });
  }

  renderEditor() {
    const span = this.editing ? this.spans.find((x) => x.key === this.editing) : null;
    if (!span) {
      this.editing = null;
      this.editor.hidden = true;
      this.editor.replaceChildren();
      return;
    }
    const id = (name) => `${this.uid}-${name}`;
    const title = el("p", { className: "mlh-edit-title", id: id("edit-title"),
      text: `${this.readonly ? "Mark" : "Edit mark"}: ${quote(this.text.slice(span.s, span.e), 120)}` });
    const parts = [title];
    if (this.readonly) {
      parts.push(el("p", { text: `Label: ${span.label}. ${span.note ? `Note: ${span.note}` : "No note."}` }));
    } else {
      const radios = this.labels.map((label, i) => {
        const input = el("input", { type: "radio", name: id("label"), id: id(`lab${i}`), value: label, checked: label === span.label });
        input.addEventListener("change", () => { this.active = span.key; this.applyLabel(i); this.editing = this.active; });
        return el("div", { className: "mlh-radio" }, [input, el("label", { for: id(`lab${i}`) }, [
          el("span", { className: `mlh-icon mlh-i${i}`, "aria-hidden": "true" }), label])]);
      });
      parts.push(el("fieldset", {}, [el("legend", { text: "Label" }), ...radios]));
      const note = el("textarea", { id: id("note"), rows: 2, maxlength: 500, className: "mlh-note" });
      note.value = span.note || "";
      const save = el("button", { type: "button", className: "mlh-btn", text: "Save note" });
      save.addEventListener("click", () => {
        this.send("note", { span: this.pySpan(span), note: note.value });
        this.say("Note saved.");
      });
      const remove = el("button", { type: "button", className: "mlh-btn mlh-danger", text: "Remove mark" });
      remove.addEventListener("click", () => this.removeActive());
      parts.push(el("label", { for: id("note"), text: "Why I marked this (optional)" }), note,
        el("div", { className: "mlh-edit-actions" }, [save, remove, this.closeButton()]));
    }
    if (this.readonly) parts.push(el("div", { className: "mlh-edit-actions" }, [this.closeButton()]));
    this.editor.replaceChildren(...parts);
    this.editor.hidden = false;
  }

  closeButton() {
    const close = el("button", { type: "button", className: "mlh-btn", text: "Close" });
    close.addEventListener("click", () => this.closeEditor());
    return close;
  }

  // ---------- mouse ----------
  pointToOffset(node, offset) {
    const holder = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    const piece = holder && holder.closest ? holder.closest(".mlh-t") : null;
    if (piece && node.nodeType === Node.TEXT_NODE) return +piece.dataset.s + offset;
    if (piece) return offset > 0 ? +piece.dataset.e : +piece.dataset.s;
    // a point outside the text pieces (an icon, a block edge): use the next piece in reading order
    const probe = node.nodeType === Node.TEXT_NODE ? node : node.childNodes[offset] || node;
    for (const p of this.pieces) {
      if (p === probe || probe.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING) return +p.dataset.s;
    }
    return this.text.length;
  }

  snap(s, e) {
    const inWord = this.words.filter((w) => w.e > s && w.s < e);
    if (!inWord.length) return null;
    return { s: inWord[0].s, e: inWord[inWord.length - 1].e, first: this.words.indexOf(inWord[0]), last: this.words.indexOf(inWord[inWord.length - 1]) };
  }

  onMouseUp(event) {
    if (event.button !== 0) return;
    const sel = window.getSelection();
    if (!sel || !sel.rangeCount) return;
    const range = sel.getRangeAt(0);
    if (!this.article.contains(range.startContainer) || !this.article.contains(range.endContainer)) return;
    if (range.collapsed) return this.onClick(event);
    const snapped = this.snap(this.pointToOffset(range.startContainer, range.startOffset),
      this.pointToOffset(range.endContainer, range.endOffset));
    sel.removeAllRanges();
    this.root.focus({ preventScroll: true });
    if (!snapped) return;
    this.active = null;
    this.anchor = snapped.first;
    this.caret = snapped.last;
    this.selection = { s: snapped.s, e: snapped.e };
    this.paintCaret();
    const keys = this.readonly ? "" : ` Press 1 to ${this.labels.length} or a label button.`;
    this.say(`Selected ${quote(this.text.slice(snapped.s, snapped.e))}.${keys}`);
  }

  onClick(event) {
    const piece = event.target.closest ? event.target.closest(".mlh-t, mark.mlh-mark") : null;
    if (!piece) return;
    this.root.focus({ preventScroll: true });
    const mark = event.target.closest("mark.mlh-mark");
    if (mark) {
      const span = this.spans.find((x) => x.key === mark.dataset.key);
      this.selectSpan(span);
      return this.openEditor();
    }
    const s = +piece.dataset.s;
    const w = this.words.findIndex((x) => x.e > s);
    if (w >= 0) this.caret = w;
    this.selection = null;
    this.anchor = null;
    this.active = null;
    this.paintCaret();
  }

  // ---------- keyboard ----------
  passThrough(event) {
    const mod = event.ctrlKey || event.metaKey;
    if (PASS_THROUGH_KEYS.has(event.key)) return true;
    if (mod && (event.key === "s" || event.key === "S")) return true; // save the notebook
    if (event.key === "Enter" && (event.shiftKey || mod || event.altKey)) return true; // run the cell
    return false;
  }

  onKeyDown(event) {
    if (this.passThrough(event)) return;
    event.stopPropagation(); // keep JupyterLab's shortcuts (a, b, d d, 1-6 ...) away from our keys
    const target = event.target;
    const tag = target.tagName;
    if (tag === "TEXTAREA" || tag === "INPUT") {
      if (event.key === "Escape") { event.preventDefault(); this.closeEditor(); }
      return;
    }
    if (tag === "BUTTON" && (event.key === "Enter" || event.key === " ")) return;
    if (this.handleKey(event)) event.preventDefault();
  }

  moveCaret(to, extend) {
    if (!this.words.length) return;
    to = Math.max(0, Math.min(this.words.length - 1, to));
    if (extend) {
      if (this.anchor === null) this.anchor = this.caret;
      // a mark stays inside one title, heading or paragraph: stop the selection at the block's edge
      const block = this.words[this.anchor].block;
      while (this.words[to].block !== block) to += to > this.anchor ? -1 : 1;
    } else {
      this.anchor = null;
    }
    this.selection = null;
    this.active = null;
    this.caret = to;
    this.paintCaret();
  }

  sentenceBounds(si) {
    const first = this.words.findIndex((w) => w.sentence === si);
    let last = first;
    while (last + 1 < this.words.length && this.words[last + 1].sentence === si) last += 1;
    return [first, last];
  }

  handleKey(event) {
    const key = event.key;
    const mod = event.ctrlKey || event.metaKey;
    const words = this.words;
    const caretWord = words[this.caret];
    if (mod && (key === "z" || key === "Z")) { this.send(event.shiftKey ? "redo" : "undo"); return true; }
    if (mod && (key === "y" || key === "Y")) { this.send("redo"); return true; }
    if (mod && !["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"].includes(key)) return false;
    if (/^[1-9]$/.test(key) && !event.altKey) { this.applyLabel(+key - 1); return true; }
    switch (key) {
      case "ArrowRight":
      case "ArrowLeft": {
        this.moveCaret(this.caret + (key === "ArrowRight" ? 1 : -1), event.shiftKey);
        this.announceRange(event.shiftKey);
        return true;
      }
      case "ArrowDown":
      case "ArrowUp": {
        if (!caretWord) return true;
        const down = key === "ArrowDown";
        if (mod) { // by paragraph
          const bi = this.blocks.findIndex((b) => b.id === caretWord.block);
          const next = this.blocks[bi + (down ? 1 : -1)];
          const w = next ? words.findIndex((x) => x.block === next.id) : -1;
          if (w >= 0) this.moveCaret(w, event.shiftKey);
          this.announceRange(event.shiftKey, true);
          return true;
        }
        const [first, last] = this.sentenceBounds(caretWord.sentence);
        let to;
        if (event.shiftKey) {
          if (down) to = this.caret < last ? last : this.sentenceBounds(caretWord.sentence + 1)[1];
          else to = this.caret > first ? first : this.sentenceBounds(caretWord.sentence - 1)[0];
        } else if (down) {
          to = this.sentenceBounds(caretWord.sentence + 1)[0];
        } else {
          to = this.caret > first ? first : this.sentenceBounds(caretWord.sentence - 1)[0];
        }
        if (to !== undefined && to >= 0) this.moveCaret(to, event.shiftKey);
        this.announceRange(event.shiftKey, true);
        return true;
      }
      case "Home":
      case "End": {
        if (!caretWord) return true;
        if (mod) { // the start or end of the whole article
          this.moveCaret(key === "Home" ? 0 : words.length - 1, event.shiftKey);
          this.announceRange(event.shiftKey);
          return true;
        }
        const inBlock = words.map((w, i) => [w, i]).filter(([w]) => w.block === caretWord.block);
        this.moveCaret(key === "Home" ? inBlock[0][1] : inBlock[inBlock.length - 1][1], event.shiftKey);
        this.announceRange(event.shiftKey);
        return true;
      }
      case "s":
      case "S": { // select the whole sentence
        if (!caretWord) return true;
        const [first, last] = this.sentenceBounds(caretWord.sentence);
        this.caret = first;
        this.moveCaret(last, true);
        this.announceRange(true);
        return true;
      }
      case "]":
      case "[":
        this.jumpSpan(key === "]" ? 1 : -1);
        return true;
      case "Enter":
      case " ": {
        if (!this.active && caretWord) {
          const here = this.spansAt(caretWord.s);
          if (!here.length) return key === " ";
          this.selectSpan(here[0]);
          if (key === "Enter") this.openEditor();
          return true;
        }
        this.openEditor();
        return true;
      }
      case "Delete":
      case "Backspace":
        if (this.active) this.removeActive();
        return true;
      case "Escape":
        if (this.editing) this.closeEditor();
        else if (this.active || this.anchor !== null || this.selection) {
          this.active = null; this.anchor = null; this.selection = null; this.paintCaret();
          this.say("Selection cleared.");
        }
        return true;
      default:
        return key.length === 1; // swallow other letters so they do nothing surprising
    }
  }

  announceRange(extended, wholeSentence = false) {
    const range = this.selectionRange();
    if (!range) return;
    const word = this.words[this.caret];
    if (extended) return this.say(`Selected ${quote(this.text.slice(range.s, range.e), 200)}`);
    if (wholeSentence) {
      const sentence = this.sentences[word.sentence];
      return this.say(sentence ? this.text.slice(sentence.s, sentence.e).trim() : this.text.slice(word.s, word.e));
    }
    const marks = this.spansAt(word.s).map((x) => x.label);
    this.say(this.text.slice(word.s, word.e) + (marks.length ? ` (marked: ${marks.join(", ")})` : ""));
  }

  // ---------- wiring ----------
  attach() {
    const on = (target, name, fn) => { target.addEventListener(name, fn); return () => target.removeEventListener(name, fn); };
    const handlers = {
      // Python's reply comes as one update (spans, handled_seq, message): redraw what changed
      "change:spans": () => this.refresh(),
      "change:message": () => this.renderMessage(),
      "change:can_undo": () => this.renderUndo(),
      "change:can_redo": () => this.renderUndo(),
      "change:handled_seq": () => {
        this.root.dataset.handledSeq = String(this.model.get("handled_seq"));
        this.refresh(); // an edit Python refused changes no spans: take its pending mark back
      },
      "change:text change:blocks change:sentences change:words change:labels change:readonly change:question_id": () => {
        this.loadModel(); this.renderAll();
      },
    };
    for (const [name, fn] of Object.entries(handlers)) this.model.on(name, fn);
    // Lumino skips shortcuts for keys typed inside an element marked data-lm-suppress-shortcuts, which
    // guards our keys in Notebook 7 (it listens in the capture phase). For the keys we let through
    // (Ctrl+S, Shift+Enter) the mark is lifted for that one key press; a window capture listener
    // runs before Lumino's document listener, so it is in time.
    const lift = (e) => {
      if (!this.root.contains(e.target) || !this.passThrough(e)) return;
      this.root.removeAttribute("data-lm-suppress-shortcuts");
      setTimeout(() => this.root.setAttribute("data-lm-suppress-shortcuts", "true"), 0);
    };
    window.addEventListener("keydown", lift, true);
    const offs = [
      () => window.removeEventListener("keydown", lift, true),
      on(this.root, "keydown", (e) => this.onKeyDown(e)),
      on(this.article, "mouseup", (e) => this.onMouseUp(e)),
    ];
    return () => {
      if (this.pendingTimer) clearInterval(this.pendingTimer);
      for (const [name, fn] of Object.entries(handlers)) this.model.off(name, fn);
      for (const off of offs) off();
    };
  }
}

function render({ model, el: root }) {
  const view = new HighlighterView(model, root);
  root.dataset.handledSeq = String(model.get("handled_seq"));
  return view.attach();
}

export default { render };
