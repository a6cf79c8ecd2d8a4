import { html, nothing } from 'lit';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import type { Me } from '../lib/model';
import { links } from '../lib/router';
import { grantsOf } from '../lib/session';
import { administered } from './matrix-common';

/**
 * The home page's way into the network's shared work: the matrix and the bank for every member
 * (domain rule 9: both are open to all members), requests for those who file and answer them,
 * the registry for coordinators, and an admin's own organisation card.
 */
export function matrixLinks(user: Me) {
  const coordinator = grantsOf(user, 'coordinator').length > 0;
  const own = administered(user);
  const member = coordinator || own.length > 0 || user.organisationId != null || user.teacherId != null;
  if (!member) return nothing;
  const items: Array<[string, MessageKey, MessageKey, string]> = [
    [links.matrix(), 'matrixNav.matrix', 'matrixNav.matrixHint', 'matrix'],
    [links.bank(), 'matrixNav.bank', 'matrixNav.bankHint', 'bank'],
  ];
  if (coordinator || own.length > 0) items.push([links.requests(), 'matrixNav.requests', 'matrixNav.requestsHint', 'requests']);
  if (coordinator) items.push([links.registry(), 'matrixNav.registry', 'matrixNav.registryHint', 'registry']);
  if (own.length > 0) items.push([links.organisation(own[0]), 'matrixNav.ownCard', 'matrixNav.ownCardHint', 'own-card']);
  return html`<nav class="panel" aria-labelledby="matrix-nav-title" data-test="matrix-nav">
    <h2 id="matrix-nav-title">${t('matrixNav.title')}</h2>
    <ul class="nav-list">
      ${items.map(([href, title, hint, id]) => html`<li>
        <a class="nav-list__link" href=${href} data-nav=${id}>
          <span class="nav-list__title">${t(title)}</span>
          <span class="muted small">${t(hint)}</span>
        </a>
      </li>`)}
    </ul>
  </nav>`;
}
