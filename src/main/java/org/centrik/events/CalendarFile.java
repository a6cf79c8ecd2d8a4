package org.centrik.events;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Writes events as an iCalendar file (RFC 5545) with ical4j: each event in its own time
 * zone, with that zone's {@code VTIMEZONE}, so that a calendar app shows it at the local
 * time it was planned for and every app agrees on the instant, across daylight-saving
 * changes too.
 */
final class CalendarFile {

	private static final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();

	private CalendarFile() {
	}

	static String write(String name, List<Event> events, Instant now) {
		Calendar calendar = new Calendar().withProdId("-//Centrik//Network events//RU")
			.withProperty(ImmutableVersion.VERSION_2_0)
			.withProperty(ImmutableCalScale.GREGORIAN)
			.withProperty(ImmutableMethod.PUBLISH)
			.withProperty(new XProperty("X-WR-CALNAME", name))
			.getFluentTarget();
		Set<String> zoneIds = new HashSet<>();
		for (Event event : events) {
			ZoneId zone = ZoneId.of(event.timeZone());
			if (zoneIds.add(zone.getId())) {
				calendar.add(zones.getTimeZone(zone.getId()).getVTimeZone());
			}
			calendar.add(event(event, zone, now));
		}
		return calendar.toString();
	}

	private static VEvent event(Event event, ZoneId zone, Instant now) {
		VEvent vevent = new VEvent(event.startsAt().atZone(zone), event.endsAt().atZone(zone),
				((event.state() == Event.State.CANCELLED) ? "Отменено: " : "") + event.title());
		vevent.add(new Uid("event-" + event.id() + "@centrik"));
		vevent.add(new DtStamp(now));
		vevent.add(new LastModified(now));
		vevent.add(new Sequence(event.state().ordinal()));
		vevent.add((event.state() == Event.State.CANCELLED) ? ImmutableStatus.VEVENT_CANCELLED
				: ImmutableStatus.VEVENT_CONFIRMED);
		String where = (event.place() != null) ? event.place() : event.link();
		if (where != null) {
			vevent.add(new Location(where));
		}
		StringBuilder description = new StringBuilder(event.description());
		if (event.cancelReason() != null) {
			description.insert(0, "Причина отмены: " + event.cancelReason() + "\n\n");
		}
		event.materials().forEach((material) -> description.append("\n").append(material));
		if (!description.isEmpty()) {
			vevent.add(new Description(description.toString()));
		}
		if (event.link() != null) {
			try {
				vevent.add(new Url(URI.create(event.link())));
			}
			catch (IllegalArgumentException ex) {
				// not a URI: it is in the location already
			}
		}
		return vevent;
	}

}
