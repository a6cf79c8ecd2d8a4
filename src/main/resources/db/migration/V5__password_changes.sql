-- Changing one's password is audited.
alter table audit_log drop constraint audit_log_action_check;
alter table audit_log add constraint audit_log_action_check
    check (action in ('login_succeeded', 'login_failed', 'logout', 'role_granted', 'role_revoked',
                      'attendance_corrected', 'year_end_run', 'setup_password_issued', 'user_created',
                      'password_changed'));
