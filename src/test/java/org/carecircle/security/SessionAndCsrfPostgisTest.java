package org.carecircle.security;

import org.carecircle.testsupport.PostgisTestStore;

/** {@link SessionAndCsrfTest} on PostGIS. */
class SessionAndCsrfPostgisTest extends SessionAndCsrfTest implements PostgisTestStore {}
