// The list of sub-commands of `faceclock`. Add a command by adding its module here.
import type { Command } from 'commander';
import { register as audit } from './audit.js';
import { register as backup } from './backup.js';
import { register as evalFaces } from './eval-faces.js';
import { register as keys } from './keys.js';
import { register as migrate } from './migrate.js';
import { register as purge } from './purge.js';
import { register as serve } from './serve.js';
import { register as simulate } from './simulate.js';
import { register as user } from './user.js';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  serve,
  migrate,
  user,
  audit,
  backup,
  simulate,
  evalFaces,
  keys,
  purge,
];
