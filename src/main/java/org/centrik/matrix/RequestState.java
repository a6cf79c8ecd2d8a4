package org.centrik.matrix;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a request is in its workflow: submitted → accepted or declined by the executor →
 * scheduled (an event answers it) → delivered (that event took place with attendance) —
 * or withdrawn by the applicant before it is delivered or declined.
 */
public enum RequestState {

	SUBMITTED("подана"), ACCEPTED("принята"), DECLINED("отклонена"), SCHEDULED("запланирована"), DELIVERED("проведена"),
	WITHDRAWN("отозвана");

	private final String russian;

	RequestState(String russian) {
		this.russian = russian;
	}

	/** The states this one may move to. */
	public Set<RequestState> next() {
		return switch (this) {
			case SUBMITTED -> EnumSet.of(ACCEPTED, DECLINED, WITHDRAWN);
			case ACCEPTED -> EnumSet.of(SCHEDULED, WITHDRAWN);
			case SCHEDULED -> EnumSet.of(DELIVERED, WITHDRAWN);
			case DECLINED, DELIVERED, WITHDRAWN -> EnumSet.noneOf(RequestState.class);
		};
	}

	public boolean canBecome(RequestState next) {
		return next().contains(next);
	}

	/** The name as the database and the protocol spell it, e.g. {@code submitted}. */
	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The name users read, e.g. «принята». */
	public String russian() {
		return this.russian;
	}

	@JsonCreator
	public static RequestState of(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
