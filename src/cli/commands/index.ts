// The list of sub-commands of `faceclock`. Add a command by adding its module here.
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];
