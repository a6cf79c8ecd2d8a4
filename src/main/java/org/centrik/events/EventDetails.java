package org.centrik.events;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a host says about an event when creating or editing it (the body of
 * {@code POST /api/events}, {@code PUT /api/events/{id}}, {@code events.create},
 * {@code events.{id}.update}). An edit replaces every detail; {@code clientId} and
 * {@code networkId} count only at creation.
 *
 * @param clientId the client-generated id of the create command: a retry returns the
 * event created the first time
 * @param startsAt when it starts, with an offset, e.g. {@code 2026-10-25T01:30:00+02:00}
 * @param timeZone the IANA zone the event is held in (calendars show it there); default
 * {@code Europe/Moscow}
 * @param checkInOpensMinutesBefore how long before the start check-in opens (default 30)
 * @param checkInClosesMinutesAfter how long after the end check-in closes (default 30)
 */
public record EventDetails(UUID clientId, Long networkId, String title, String format, String mode,
		OffsetDateTime startsAt, OffsetDateTime endsAt, String timeZone, String place, String link, Integer capacity,
		List<Long> hostIds, List<Long> presenterIds, List<Long> requestIds, String description, List<String> materials,
		Integer checkInOpensMinutesBefore, Integer checkInClosesMinutesAfter) {

	static final String DEFAULT_TIME_ZONE = "Europe/Moscow";

	private static final int DEFAULT_MARGIN = 30;

	private static final Duration LONGEST = Duration.ofDays(31);

	public EventDetails {
		hostIds = distinct(hostIds);
		presenterIds = distinct(presenterIds);
		requestIds = distinct(requestIds);
		materials = (materials != null) ? List.copyOf(materials) : List.of();
	}

	/**
	 * The details checked one by one, each refusal naming the field; what needs the
	 * database (membership of hosts, presenters, requests) is checked by {@link Events}.
	 * @throws IllegalArgumentException when a detail is missing or wrong
	 */
	Valid validate() {
		require(this.title != null && !this.title.isBlank(), "'title' is required.");
		require(this.title.length() <= 300, "'title' is at most 300 characters.");
		Event.Format format = parse(Event.Format.class, this.format, "format");
		Event.Mode mode = parse(Event.Mode.class, this.mode, "mode");
		require(this.startsAt != null && this.endsAt != null, "'startsAt' and 'endsAt' are required.");
		require(this.endsAt.isAfter(this.startsAt), "'endsAt' must be after 'startsAt'.");
		require(Duration.between(this.startsAt, this.endsAt).compareTo(LONGEST) <= 0,
				"An event lasts at most 31 days.");
		String zone = (this.timeZone != null) ? this.timeZone : DEFAULT_TIME_ZONE;
		try {
			ZoneId.of(zone);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("'timeZone' must be an IANA time zone such as Europe/Moscow.");
		}
		require(mode == Event.Mode.ONLINE || !blank(this.place), "An offline or hybrid event needs a 'place'.");
		require(mode == Event.Mode.OFFLINE || !blank(this.link), "An online or hybrid event needs a 'link'.");
		require(this.capacity == null || this.capacity > 0, "'capacity' is a positive number, or absent.");
		require(!this.hostIds.isEmpty(), "An event needs at least one host organisation ('hostIds').");
		require(this.materials.size() <= 50 && this.materials.stream().allMatch((m) -> m != null && !m.isBlank()),
				"'materials' are at most 50 non-blank entries.");
		int opens = margin(this.checkInOpensMinutesBefore, "checkInOpensMinutesBefore");
		int closes = margin(this.checkInClosesMinutesAfter, "checkInClosesMinutesAfter");
		return new Valid(format, mode, zone, opens, closes);
	}

	private static int margin(Integer minutes, String name) {
		require(minutes == null || (minutes >= 0 && minutes <= 24 * 60),
				"'" + name + "' is between 0 and 1440 minutes.");
		return (minutes != null) ? minutes : DEFAULT_MARGIN;
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String code, String name) {
		String allowed = Arrays.stream(type.getEnumConstants())
			.map((constant) -> constant.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(", "));
		require(code != null, "'" + name + "' is required: one of " + allowed + ".");
		try {
			return Enum.valueOf(type, code.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + name + "' must be one of " + allowed + ", got '" + code + "'.");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	private static List<Long> distinct(List<Long> ids) {
		return (ids != null) ? ids.stream().distinct().toList() : List.of();
	}

	/** The details as parsed. */
	record Valid(Event.Format format, Event.Mode mode, String timeZone, int checkInOpensMinutes,
			int checkInClosesMinutes) {

	}

}
