import { describe, expect, it } from 'vitest';
import { clipText, jsonDepthExceeds, jsonTextDepthExceeds } from '../../../lib/validation/bounds.js';

describe('bounds', () => {
  it('clips text to UTF-8 bytes without splitting a character', () => {
    // Act + Assert
    expect(clipText('가나다', 7)).toBe('가나');
    expect(clipText('ab😀', 5)).toBe('ab');
    expect(clipText('short', 10)).toBe('short');
  });

  it('clips text to the bytes of its JSON string, escapes included', () => {
    // Arrange
    const text = '"'.repeat(10);
    // Act
    const clipped = clipText(text, 12, { asJson: true });
    // Assert
    expect(Buffer.byteLength(JSON.stringify(clipped))).toBeLessThanOrEqual(12);
    expect(clipped).toBe('"'.repeat(5));
  });

  it('measures the depth of a value without recursion, even 100,000 levels deep', () => {
    // Arrange
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    // Act + Assert
    expect(jsonDepthExceeds(deep, 8)).toBe(true);
    expect(jsonDepthExceeds({ a: { b: [1] } }, 3)).toBe(false);
    expect(jsonDepthExceeds({ a: { b: [1] } }, 2)).toBe(true);
    expect(jsonDepthExceeds('scalar', 0)).toBe(false);
  });

  it('measures the depth of a JSON text from its brackets outside strings', () => {
    // Act + Assert
    expect(jsonTextDepthExceeds('{"a":[[1]]}', 3)).toBe(false);
    expect(jsonTextDepthExceeds('{"a":[[1]]}', 2)).toBe(true);
    expect(jsonTextDepthExceeds('{"a":"[[[[[[\\"[[[["}', 1)).toBe(false);
    expect(jsonTextDepthExceeds('['.repeat(5000), 32)).toBe(true);
  });
});
