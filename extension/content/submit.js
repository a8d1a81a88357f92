// @ts-check
// Before submit: a form that still carries flagged consents is held back once, the shopper
// sees what they would agree to and chooses; then the form is submitted again with the
// shop's own submit button (`requestSubmit`), so the shop's handlers and validation run as
// usual. When our UI cannot be shown, nothing is held back.

/**
 * Watches submits in `doc`. `openIn(form)` lists the entries still flagged in a form;
 * `ask(entries)` shows the summary and resolves to 'untick', 'continue' or 'back';
 * `untick(entry)` takes one back. Returns a function that stops watching.
 */
export function guardSubmits(doc, { openIn, ask, untick }) {
  const passing = new WeakSet();
  const asking = new WeakSet();
  const onSubmit = (event) => {
    const form = event.target;
    if (!form || form.localName !== 'form') return;
    if (passing.has(form)) {
      passing.delete(form);
      return;
    }
    let open;
    try {
      open = openIn(form);
    } catch {
      return;
    }
    if (!open.length) return;
    const answer = asking.has(form) ? null : ask(open);
    if (!answer) return; // our UI is gone (or already asking): let the shop's submit run
    event.preventDefault();
    event.stopImmediatePropagation();
    asking.add(form);
    const submitter = event.submitter && event.submitter.form === form ? event.submitter : null;
    answer.then((choice) => {
      asking.delete(form);
      if (choice === 'back') return;
      if (choice === 'untick') open.forEach(untick);
      if (!form.isConnected) return;
      passing.add(form);
      try {
        form.requestSubmit(submitter);
      } catch {
        form.submit();
      }
      // Validation may stop the submit before its event: ask again next time.
      passing.delete(form);
    });
  };
  doc.addEventListener('submit', onSubmit, true);
  return () => doc.removeEventListener('submit', onSubmit, true);
}
