/** Configuration: the {@code carecircle.*} settings and the choice of store (H2GIS or PostGIS). */
package org.carecircle.system;
