package org.centrik.security;

import java.util.Set;

import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;

/**
 * Which people's rows a caller may see in a list of personal data: all of them, or the
 * caller's own and those of the organisations they administer.
 *
 * @param all every row
 * @param self the caller as a teacher, or {@code null}
 * @param organisations the organisations whose people the caller administers
 */
public record PersonalData(boolean all, TeacherId self, Set<OrganisationId> organisations) {

	public PersonalData {
		organisations = Set.copyOf(organisations);
	}

	static PersonalData everyone() {
		return new PersonalData(true, null, Set.of());
	}

	/** Whether the row of this teacher of this organisation is shown. */
	public boolean shows(TeacherId teacher, OrganisationId organisation) {
		return this.all || teacher.equals(this.self) || this.organisations.contains(organisation);
	}

}
