package org.centrik.library;

import java.util.Arrays;

/**
 * An expert's conclusion on a product, as the API names it and as the database stores it.
 */
enum Conclusion {

	APPROVE("approve", "approve"),

	APPROVE_AND_RECOMMEND("approve_and_recommend", "recommend"),

	RETURN_FOR_REVISION("return_for_revision", "revise"),

	REJECT("reject", "reject");

	final String code;

	final String stored;

	Conclusion(String code, String stored) {
		this.code = code;
		this.stored = stored;
	}

	boolean positive() {
		return this == APPROVE || this == APPROVE_AND_RECOMMEND;
	}

	static Conclusion of(String code) {
		return Arrays.stream(values())
			.filter((conclusion) -> conclusion.code.equals(code))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"A conclusion is approve, approve_and_recommend, return_for_revision or reject."));
	}

	static Conclusion stored(String stored) {
		return Arrays.stream(values())
			.filter((conclusion) -> conclusion.stored.equals(stored))
			.findFirst()
			.orElseThrow();
	}

}
