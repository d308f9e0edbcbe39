import {Args, loadHelpClass} from '@oclif/core';
import {GuardCommand} from '../cli/guard-command.js';
import {unknownCommand} from '../cli/command-not-found.js';

export default class HelpCommand extends GuardCommand {
  static override summary = 'Help for guard, a command or a topic.';
  static override description = '`guard help CMD` is `guard CMD --help` (or -h).';
  static override examples = ['<%= config.bin %> help run', '<%= config.bin %> help policy show', '<%= config.bin %> help policy'];
  static override args = {command: Args.string({description: 'a command or topic, in words: run, policy show'})};
  static override strict = false;

  async run(): Promise<void> {
    const {argv} = await this.parse(HelpCommand);
    const words = argv as string[];
    const id = words.join(':');
    if (id && !this.config.findCommand(id) && !this.config.findTopic(id)) throw unknownCommand(this.config, words);

    const Help = await loadHelpClass(this.config);
    await new Help(this.config, this.config.pjson.oclif.helpOptions).showHelp(words);
  }
}
