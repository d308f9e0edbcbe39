import {Help, type Command, type Interfaces} from '@oclif/core';
import {exitStatusesOf, sharedExitCodes} from '../exit-status.js';

// What a new user meets first, in that order: the examples of the top-level help.
const firstSteps = ['run', 'check', 'history', 'show', 'stats'];

/**
 * oclif's help with examples on the top-level and topic pages too. They are the commands'
 * own first examples, so an example is written once, next to the flags it uses; the
 * top-level page also shows the exit-status table that `guard run --help` shows.
 */
export default class GuardHelp extends Help {
  protected override async showRootHelp(): Promise<void> {
    await super.showRootHelp();
    const commands = firstSteps.map((id) => this.config.findCommand(id)).filter((command) => command !== undefined);
    this.log(this.examplesOf(commands));
    this.log('');
    const statuses = exitStatusesOf('run').map((row) => [row.label, row.meaning] as [string, string]);
    this.log(this.section(`EXIT STATUS (guard run; the other commands exit ${sharedExitCodes()} alike)`, statuses));
    this.log('');
  }

  protected override async showTopicHelp(topic: Interfaces.Topic): Promise<void> {
    await super.showTopicHelp(topic);
    const commands = this.sortedCommands.filter((command) => command.id.replaceAll(' ', ':').startsWith(`${topic.name.replaceAll(' ', ':')}:`));
    this.log(this.examplesOf(commands));
    this.log('');
  }

  private examplesOf(commands: readonly Command.Loadable[]): string {
    const first = commands.flatMap((command) => {
      const example = command.examples?.[0];
      return typeof example === 'string' ? [example] : example ? [example.command] : [];
    });
    return this.section('EXAMPLES', first.map((example) => `$ ${this.render(example)}`).join('\n\n'));
  }
}
