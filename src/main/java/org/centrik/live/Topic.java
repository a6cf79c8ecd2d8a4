package org.centrik.live;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a subscriber watches: a kind of state and the ids that pick one instance of it,
 * written as a dot-separated name such as {@code attendance.42} or {@code matrix.1.2025}.
 */
public record Topic(String name) {

	private static final Pattern NAME = Pattern
		.compile("(attendance|matrix|events\\.upcoming|events\\.mine|cards|library)((?:\\.[1-9][0-9]{0,18})+)");

	public Topic {
		Matcher matcher = (name != null) ? NAME.matcher(name) : null;
		if (matcher == null || !matcher.matches()) {
			throw new IllegalArgumentException("Unknown topic: " + name);
		}
		for (String id : matcher.group(2).substring(1).split("\\.")) {
			try {
				Long.parseLong(id);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Id out of range in topic " + name);
			}
		}
	}

	/** Attendance of one event. */
	public static Topic attendance(long eventId) {
		return new Topic("attendance." + eventId);
	}

	/**
	 * The collaboration matrix of a network for a school year (named by its starting
	 * year).
	 */
	public static Topic matrix(long networkId, int schoolYear) {
		return new Topic("matrix." + networkId + "." + schoolYear);
	}

	/** Upcoming events of a network. */
	public static Topic upcomingEvents(long networkId) {
		return new Topic("events.upcoming." + networkId);
	}

	/**
	 * The events of one user: of their organisation, those they registered for, present
	 * at or run.
	 */
	public static Topic myEvents(long userId) {
		return new Topic("events.mine." + userId);
	}

	/** The activity card of a teacher. */
	public static Topic card(long teacherId) {
		return new Topic("cards." + teacherId);
	}

	/**
	 * The library desk of one user: the products they wait on (as author, submitter,
	 * expert, admin or coordinator) and the creative groups they lead, belong to or
	 * decide.
	 */
	public static Topic library(long userId) {
		return new Topic("library." + userId);
	}

	/** The kind of state, e.g. {@code attendance} or {@code events.upcoming}. */
	public String kind() {
		Matcher matcher = NAME.matcher(this.name);
		matcher.matches();
		return matcher.group(1);
	}

	/** The i-th id of the topic, e.g. the event id of {@code attendance.42} at 0. */
	public long key(int index) {
		Matcher matcher = NAME.matcher(this.name);
		matcher.matches();
		return Long.parseLong(matcher.group(2).substring(1).split("\\.")[index]);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
