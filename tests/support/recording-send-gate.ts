import type { SendDecision, SendGate, SendRequest } from '../../lib/sends/send-gate.js';

/**
 * A send gate that records every request and keeps the real gate's one promise tests rely
 * on: one send per rule, customer, occurrence and action — a repeat is a `duplicate`.
 */
export class RecordingSendGate implements SendGate {
  readonly requests: Array<{ request: SendRequest; decision: SendDecision }> = [];
  private readonly ledger = new Set<string>();

  async request(send: SendRequest): Promise<SendDecision> {
    const key = [send.workspace, send.customerId, send.rule.id, send.occurrence, send.actionIndex].join('|');
    const decision: SendDecision = this.ledger.has(key) ? { outcome: 'duplicate', original: 'sent' } : { outcome: 'sent' };
    this.ledger.add(key);
    this.requests.push({ request: structuredClone(send), decision });
    return decision;
  }

  /** What went out: `rule → customer @ occurrence`, in order. */
  sent(): SendRequest[] {
    return this.requests.filter((entry) => entry.decision.outcome === 'sent').map((entry) => entry.request);
  }
}
