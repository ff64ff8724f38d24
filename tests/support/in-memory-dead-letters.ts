import type { DeadLetter, DeadLetterNote, DeadLetterQueue, DeliveryRetries } from '../../lib/sends/dead-letter-queue.js';

/** A dead-letter queue in memory: letters are hidden while received, like SQS. */
export class InMemoryDeadLetterQueue implements DeadLetterQueue {
  readonly letters: Array<DeadLetter & { hidden: boolean }> = [];
  private sequence = 0;

  async put(body: string, note: DeadLetterNote): Promise<void> {
    this.sequence += 1;
    this.letters.push({ id: `dl-${this.sequence}`, body, note, handle: `h-${this.sequence}`, hidden: false });
  }

  async receive(max: number): Promise<DeadLetter[]> {
    const visible = this.letters.filter((letter) => !letter.hidden).slice(0, max);
    for (const letter of visible) letter.hidden = true;
    return visible.map(({ hidden: _hidden, ...letter }) => letter);
  }

  async remove(letter: DeadLetter): Promise<void> {
    this.letters.splice(this.letters.findIndex((candidate) => candidate.id === letter.id), 1);
  }

  async release(letter: DeadLetter): Promise<void> {
    const found = this.letters.find((candidate) => candidate.id === letter.id);
    if (found) found.hidden = false;
  }
}

/** Keeps the backoff each failed message asked for. */
export class RecordingRetries implements DeliveryRetries {
  readonly delays: number[] = [];

  async later(_handle: string, seconds: number): Promise<void> {
    this.delays.push(seconds);
  }
}
