import { html, nothing } from 'lit';
import { t } from '../i18n/i18n';
import { formatPeriod } from '../lib/format';
import type { CentrikEvent, Me } from '../lib/model';
import { links } from '../lib/router';

/**
 * Whether the user may watch the event's attendance (docs/security.md): its host, an admin of a
 * host organisation, or a coordinator of its network (or of every network).
 */
export function canWatch(user: Me, event: CentrikEvent): boolean {
  return (
    user.hosts.includes(event.id) ||
    user.roles.some(
      (grant) =>
        (grant.role === 'coordinator' && (grant.network == null || grant.network === event.networkId)) ||
        (grant.role === 'organisation_admin' && grant.organisation != null && event.hostIds.includes(grant.organisation)),
    )
  );
}

/** One event in a list: title, format, when and where, its state, and its screen for those who may watch. */
export function eventItem(event: CentrikEvent, user: Me) {
  const where = event.mode === 'online' ? t('event.mode.online') : (event.place ?? t(`event.mode.${event.mode}`));
  return html`<li class="event-item" data-event-id=${event.id}>
    <div class="event-item__head">
      <span class="chip">${t(`event.format.${event.format}`)}</span>
      ${event.state === 'live'
        ? html`<span class="chip chip--live"><span class="pulse" aria-hidden="true"></span>${t('event.state.live')}</span>`
        : event.state !== 'published'
          ? html`<span class="chip chip--muted">${t(`event.state.${event.state}`)}</span>`
          : nothing}
    </div>
    <h3 class="event-item__title"><a href=${links.event(event.id)}>${event.title}</a></h3>
    <p class="event-item__meta">${formatPeriod(event.startsAt, event.endsAt)} · ${where}</p>
    <div class="event-item__actions">
      ${user.teacherId != null && checkInOpen(event)
        ? html`<a class="button button--small button--primary" href=${links.checkin(event.id)} data-test="open-checkin"
            >${t('checkin.open')}</a
          >`
        : nothing}
      ${canHost(user, event) && (event.state === 'live' || isToday(event.startsAt))
        ? html`<a class="button button--small" href=${links.host(event.id)} data-test="open-host">${t('host.open')}</a>`
        : nothing}
      ${canWatch(user, event) && (event.state === 'live' || isToday(event.startsAt))
        ? html`<a class="button button--small" href=${links.dashboard(event.id)} data-test="open-dashboard"
            >${t('event.openDashboard')}</a
          >`
        : nothing}
    </div>
  </li>`;
}

/** Whether the user may mark attendance (docs/security.md, `Access.eventHost`): a host of the event or a coordinator of its network. */
export function canHost(user: Me, event: CentrikEvent): boolean {
  return (
    user.hosts.includes(event.id) ||
    user.roles.some((grant) => grant.role === 'coordinator' && (grant.network == null || grant.network === event.networkId))
  );
}

/** Check-in is open now: inside the event's window, and neither finished nor cancelled. */
function checkInOpen(event: CentrikEvent): boolean {
  const now = Date.now();
  return (
    (event.state === 'live' || event.state === 'published') &&
    Date.parse(event.checkInOpensAt) <= now &&
    now <= Date.parse(event.checkInClosesAt)
  );
}

function isToday(iso: string): boolean {
  return new Date(iso).toDateString() === new Date().toDateString();
}
