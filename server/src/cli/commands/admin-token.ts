/** `admin-token rotate`: a new bootstrap admin token; the previous one stops working. */
import { defineCommand, EXIT_OK, UsageError } from '../command.ts';
import { withServices } from '../context.ts';

export const adminTokenRotate = defineCommand({
  path: ['admin-token', 'rotate'],
  summary: 'Issue a new admin token and print it once (the previous one stops working)',
  usage: '',
  details: [
    'The token goes to stdout alone, so it can be captured: TOKEN=$(npm run -s baton -- admin-token rotate).',
    'Only its hash is stored. Run it while the server is stopped: the embedded store allows one process,',
    'and a server running on MongoDB keeps its current admin token until it restarts.',
  ].join('\n'),
  options: {},
  async run({ io, positionals }) {
    if (positionals.length) {
      throw new UsageError(`admin-token rotate takes no arguments, got: ${positionals.join(' ')}`);
    }
    const token = await withServices(io, ({ services }) => services.auth.rotateAdminToken());
    io.stdout.write(`${token}\n`);
    io.stderr.write('New admin token printed above: store it now, it is not shown again.\n');
    if (io.env.BATON_ADMIN_TOKEN) {
      io.stderr.write(
        'warning: BATON_ADMIN_TOKEN is set in this environment; a server started with it replaces this token.\n',
      );
    }
    return EXIT_OK;
  },
});
