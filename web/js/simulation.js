// Requests to POST /api/simulate as the controls move. A request goes out on every change, as soon as the one
// in flight has answered: at most one is in flight and only the latest change waits, so the simulation runs
// as fast as the server answers, whatever the frame rate. An answer older than one already shown is dropped.
export class Simulator {
  constructor({onAnswer, onError}) {
    this.onAnswer = onAnswer;
    this.onError = onError;
    this.issued = 0;    // sequence number of the latest request made
    this.shown = 0;     // sequence number of the latest answer handed on
    this.waiting = null;
    this.inFlight = false;
  }

  // body: the request; requestedAt: performance.now() of the change that asked for it.
  request(body, requestedAt = performance.now()) {
    this.waiting = {body, seq: ++this.issued, requestedAt};
    if (!this.inFlight) this.send();
  }

  async send() {
    const {body, seq, requestedAt} = this.waiting;
    this.waiting = null;
    this.inFlight = true;
    let outcome;
    try {
      const response = await fetch('api/simulate', {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify(body),
      });
      const answer = await response.json();
      outcome = response.ok ? {answer} : {error: answer.error ?? `HTTP ${response.status}`};
    } catch (error) {
      outcome = {error: `the server did not answer (${error.message})`};
    }
    this.inFlight = false;
    if (this.waiting) this.send();  // the server works on the next change while this answer is drawn
    if (seq <= this.shown) return;
    this.shown = seq;
    if (outcome.answer) {
      this.onAnswer(outcome.answer, {seq, requestedAt});
    } else {
      this.onError(outcome.error, {seq, requestedAt});
    }
  }
}
