package org.carecircle.accessibility;

import org.carecircle.testsupport.PostgisTestStore;

/** {@link AccessibilityApiTest} on PostGIS. */
class AccessibilityApiPostgisTest extends AccessibilityApiTest implements PostgisTestStore {}
