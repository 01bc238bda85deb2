/**
 * The synthetic demo dataset: invented facilities the page offers on an empty store so that a new
 * user can try CareCircle before loading real data.
 */
package org.carecircle.demo;
