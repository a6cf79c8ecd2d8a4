package org.centrik.network;

import java.util.List;

/**
 * An educational organisation: a kindergarten, school, lyceum, centre of additional
 * education or methodical centre, with its innovation labels (ФИП, КИП, КАП, ОПП, ООУ,
 * ЦИО, РОП).
 */
public record Organisation(long id, String name, String shortName, Kind kind, String municipality, String address,
		List<String> labels) {

	public enum Kind {

		KINDERGARTEN, SCHOOL, LYCEUM, GYMNASIUM, ADDITIONAL_EDUCATION, METHODICAL_CENTRE

	}

}
