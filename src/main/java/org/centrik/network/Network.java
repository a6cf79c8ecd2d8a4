package org.centrik.network;

/**
 * A methodical network: a voluntary union of organisations run by a coordinator
 * organisation.
 */
public record Network(long id, String name, Level level, long coordinatorId, String description) {

	public enum Level {

		LOCAL, DISTRICT, REGIONAL

	}

}
