package org.marlbench.server.http;

/**
 * A validated decision request. The matrix is row-major 48x13 float32, every value finite.
 * The optional fields are checked for type only: the component decides from the matrix alone
 * (SPEC section 1); correlationId is echoed in the response. Absent or JSON null = null.
 */
record DecisionRequest(float[] matrix, String synergyType, Double direction, Double confidence,
                       String correlationId) {
}
