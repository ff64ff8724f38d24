import type { SendDecision, SendGate, SendRequest } from '../sends/send-gate.js';
import type { MessageQueue } from './message-queue.js';

/**
 * A stand-in send gate until the real one (consent, ad law, quiet hours, fatigue, ledger)
 * is wired: every request is put on the sends queue as it is and counts as sent. It does
 * not deduplicate — the real gate's ledger does.
 */
export class QueueSendGate implements SendGate {
  constructor(private readonly queue: MessageQueue<SendRequest>) {}

  async request(send: SendRequest): Promise<SendDecision> {
    await this.queue.send(send);
    return { outcome: 'sent' };
  }
}
