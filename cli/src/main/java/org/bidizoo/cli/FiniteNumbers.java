package org.bidizoo.cli;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;

/**
 * Number options accept finite values only: Java's parsers take {@code NaN}, {@code Infinity} and their
 * signed forms, which would reach training as "no value" or diverge at once. Registered for every command.
 */
final class FiniteNumbers implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        String v = value.trim();
        if (v.toLowerCase(java.util.Locale.ROOT).matches("[+-]?(nan|inf|infinity)")) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a finite number");
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a number");
        }
        if (!Double.isFinite(d)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a finite number");
        }
        return d;
    }

    /** @param cl the command line whose {@code double} and {@code Double} options become finite-only */
    static void register(CommandLine cl) {
        FiniteNumbers f = new FiniteNumbers();
        cl.registerConverter(Double.class, f);
        cl.registerConverter(double.class, f);
        cl.registerConverter(Float.class, v -> f.convert(v).floatValue());
        cl.registerConverter(float.class, v -> f.convert(v).floatValue());
    }
}
