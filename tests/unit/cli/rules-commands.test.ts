import { describe, expect, it } from 'vitest';
import { registerRulesCommands } from '../../../cli/commands/rules.js';
import { createProgram } from '../../../cli/main.js';
import { ruleFolder, runCli } from '../../support/rule-folder.js';

const rules = (cwd: string, ...args: string[]) => runCli(registerRulesCommands, cwd, ['rules', ...args]);

describe('retain rules validate', () => {
  it('checks every rule file of rules/ and runs their examples', async () => {
    // Arrange
    const folder = ruleFolder('vip', 'vip-tagging', 'cart-abandonment');
    // Act
    const { out, exitCode } = await rules(folder.cwd, 'validate');
    // Assert
    expect(exitCode).toBe(0);
    expect(out).toBe('3 rule files valid, 12 examples hold\n');
  });

  it('prints each error located in its file and exits 1', async () => {
    // Arrange
    const folder = ruleFolder('cart-abandonment');
    const rule = folder.read('rules/cart-abandonment.json');
    rule.audience.and.push({ has_tags: 'vip' });
    folder.write('rules/cart-abandonment.json', rule);
    // Act
    const { out, err, exitCode } = await rules(folder.cwd, 'validate');
    // Assert
    expect(exitCode).toBe(1);
    expect(out).toBe('rules/cart-abandonment.json: audience.and[2]: unknown operator "has_tags" — did you mean "has_tag"?\n');
    expect(err).toBe('1 error in 1 rule file\n');
  });

  it('fails a message template that may miss a variable', async () => {
    // Arrange
    const folder = ruleFolder('welcome-coupon');
    const rule = folder.read('rules/welcome-coupon.json');
    rule.actions[0].message.text = '{{ profile.traits.name }}님, 가입을 환영합니다';
    folder.write('rules/welcome-coupon.json', rule);
    // Act
    const { out, exitCode } = await rules(folder.cwd, 'validate', 'rules/welcome-coupon.json');
    // Assert
    expect(exitCode).toBe(1);
    expect(out).toMatch(/^rules\/welcome-coupon\.json: actions\[0\]\.message\.text: \{\{ profile\.traits\.name \}\} may be missing for some customers/);
  });

  it('prints warnings, and exits 0', async () => {
    // Arrange
    const folder = ruleFolder('vip');
    const { $schema: _schema, ...rule } = folder.read('rules/vip.json');
    folder.write('rules/vip.json', rule);
    // Act
    const { out, exitCode } = await rules(folder.cwd, 'validate');
    // Assert
    expect(exitCode).toBe(0);
    expect(out).toBe('warning: rules/vip.json: $schema: add "$schema": "./rule.schema.json" as the first field, so editors complete and check this file\n1 rule file valid, 3 examples hold; 1 warning\n');
  });

  it('reports an example that does not hold, after its rule', async () => {
    // Arrange
    const folder = ruleFolder('vip');
    const cases = folder.read('rules/vip.cases.json');
    cases[2].expected = true;
    folder.write('rules/vip.cases.json', cases);
    // Act
    const { out, exitCode } = await rules(folder.cwd, 'validate');
    // Assert
    expect(exitCode).toBe(1);
    expect(out).toBe('rules/vip.cases.json: [2]: "누적 999,999원, 주문 9회": the rule should apply, but it does not\n');
  });

  it('lets a file given alone refer to the segments of rules/', async () => {
    // Arrange
    const folder = ruleFolder('vip', 'vip-tagging');
    // Act
    const { out, exitCode } = await rules(folder.cwd, 'validate', 'rules/vip-tagging.json');
    // Assert
    expect(exitCode).toBe(0);
    expect(out).toBe('1 rule file valid, 4 examples hold\n');
  });

  it('names a file it cannot read', async () => {
    // Act
    const { err, exitCode } = await rules(ruleFolder().cwd, 'validate', 'rules/nothing.json');
    // Assert
    expect(exitCode).toBe(1);
    expect(err).toMatch(/^cannot read the rule files: ENOENT: no such file or directory, open '.*rules\/nothing\.json'/);
  });
});

describe('retain rules test', () => {
  it("prints a rule's verdict on a customer and the conditions that held", async () => {
    // Arrange
    const folder = ruleFolder('vip', 'vip-tagging');
    folder.write('kim.json', { orderCount: 4, totalSpent: 1_050_000 });
    folder.write('order.json', { type: 'order_placed', occurredAt: '2026-03-02T09:30:00+09:00' });
    // Act
    const { out, exitCode } = await rules(folder.cwd, 'test', 'vip-tagging', '--profile', 'kim.json', '--event', 'order.json', '--now', '2026-03-02T10:00:00+09:00');
    // Assert
    expect(exitCode).toBe(0);
    expect(out.split('\n').slice(0, 8)).toEqual([
      'vip-tagging v1 (trigger): applies',
      '  ✓ "order_placed" starts the rule (on: order_placed)',
      '  ✓ the event (occurredAt 2026-03-02T09:30:00+09:00) is 30 minutes old when it arrives at 2026-03-02T10:00:00+09:00 — the rule starts only on events at most 24 hours old when they arrive (maxEventAge)',
      '  acts once the events that came with it are in (no wait: within a minute and a half), the audience checked again then',
      'audience:',
      '  ✓ all of',
      '    ✓ in_segment("vip")',
      '      ✓ any of',
    ]);
  });

  it('takes the path of a rule file, and says a trigger without an event does not apply', async () => {
    // Arrange
    const folder = ruleFolder('cart-abandonment');
    folder.write('kim.json', {});
    // Act
    const { out } = await rules(folder.cwd, 'test', 'rules/cart-abandonment.json', '--profile', 'kim.json');
    // Assert
    expect(out.split('\n').slice(0, 2)).toEqual(['cart-abandonment v1 (trigger): does not apply', '  ✗ no event given — the rule starts on cart_updated, checkout_started']);
  });

  it('names the option whose file it cannot use', async () => {
    // Arrange
    const folder = ruleFolder('vip');
    folder.write('kim.json', '[1, 2]');
    // Act
    const { err, exitCode } = await rules(folder.cwd, 'test', 'vip', '--profile', 'kim.json', '--now', 'tomorrow');
    // Assert
    expect(exitCode).toBe(1);
    expect(err).toBe('--profile kim.json: Invalid input: expected record, received array\n--now tomorrow: Invalid ISO datetime\n');
  });
});

describe('retain', () => {
  it('has the version of package.json and the rules, segments, sends, set-aside and stats commands', async () => {
    // Arrange
    const out: string[] = [];
    const program = createProgram({ fetch, out: (text) => out.push(text), env: {} }).exitOverride().configureOutput({ writeOut: (text) => out.push(text) });
    // Act
    await program.parseAsync(['--help'], { from: 'user' }).catch(() => undefined);
    await program.parseAsync(['--version'], { from: 'user' }).catch(() => undefined);
    // Assert
    expect(out.join('')).toMatch(/^Usage: retain /);
    expect(program.commands.map((command) => command.name())).toEqual(['rules', 'segments', 'sends', 'set-aside', 'stats']);
    expect(out.at(-1)).toBe('0.1.0\n');
  });
});
