/** Why a message ended in the dead-letter queue, carried with it (SQS message attributes). */
export interface DeadLetterNote {
  reason: string;
  attempts: number;
  failedAt: string;
}

export interface DeadLetter {
  id: string;
  body: string;
  /** Absent for messages SQS moved there itself (a consumer that kept crashing). */
  note?: DeadLetterNote;
  /** Opaque handle to remove or release the letter. */
  handle: string;
}

/** The port of a queue's dead-letter queue: filled by the consumer with reasons, emptied by redrive. */
export interface DeadLetterQueue {
  put(body: string, note: DeadLetterNote): Promise<void>;
  /** Receives up to `max` letters, hidden from other readers for `hideSeconds`. */
  receive(max: number, hideSeconds: number): Promise<DeadLetter[]>;
  remove(letter: DeadLetter): Promise<void>;
  /** Makes a received letter visible again at once. */
  release(letter: DeadLetter): Promise<void>;
}

/** The port a consumer reschedules a failed message through (the message's visibility on SQS). */
export interface DeliveryRetries {
  later(handle: string, seconds: number): Promise<void>;
}
