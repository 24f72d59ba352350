import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../renderer/src/store/commands.js';
import { describeShortcut } from '../../renderer/src/store/keys.js';

const README = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const editor = README.slice(README.indexOf('## The editor'), README.indexOf('## Templates'));

describe('README: the editor section', () => {
  it('exists', () => {
    expect(editor.length).toBeGreaterThan(1000);
  });

  it.each(COMMANDS.filter((c) => c.shortcuts?.length && !c.id.startsWith('edit.nudge')).map((c) => [c.id, c] as const))(
    'lists the keys of %s',
    (_, command) => {
      expect(editor).toContain(`\`${describeShortcut(command.shortcuts![0]!)}\``);
    },
  );
});
