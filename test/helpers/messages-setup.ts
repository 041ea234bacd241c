import { installMessages } from '../../src/i18n/i18n.js';
import { messageCatalogues } from '../../src/app/messages.js';

// The composition root installs the message catalogues when an app or a CLI command starts;
// tests that render a view or translate without either get them here (vitest setupFiles).
installMessages(messageCatalogues);
