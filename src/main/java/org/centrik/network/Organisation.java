package org.centrik.network;

import java.util.List;

/**
 * An educational organisation: a kindergarten, school, lyceum, centre of additional
 * education or methodical centre, with its innovation labels (ФИП, КИП, КАП, ОПП, ООУ,
 * ЦИО, РОП) and the user who answers for its card.
 *
 * @param responsibleUserId the responsible admin's user id, or {@code null}
 */
public record Organisation(long id, String name, String shortName, Kind kind, String municipality, String address,
		String email, String phone, List<String> labels, Long responsibleUserId) {

	public enum Kind {

		KINDERGARTEN, SCHOOL, LYCEUM, GYMNASIUM, ADDITIONAL_EDUCATION, METHODICAL_CENTRE

	}

}
