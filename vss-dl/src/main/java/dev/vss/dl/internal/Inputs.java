package dev.vss.dl.internal;

import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Tensor;
import java.util.List;
import java.util.Objects;

/** Checks a tensor against a port before any native call. Not API. */
public final class Inputs {
    private Inputs() {
    }

    public static PortInfo check(List<PortInfo> inputs, int index, Tensor tensor) throws DlException {
        Objects.requireNonNull(tensor, "tensor");
        if (index < 0 || index >= inputs.size()) {
            throw new IllegalArgumentException("index: input " + index + " does not exist; the model has "
                    + inputs.size() + " input(s)");
        }
        PortInfo p = inputs.get(index);
        if (p.type() != tensor.type()) {
            throw new DlException(DlErrorCode.TYPE_MISMATCH, "input " + index + " '" + p.name() + "' takes "
                    + p.type() + ", got " + tensor.type());
        }
        if (!p.shape().accepts(tensor.shape())) {
            throw new DlException(DlErrorCode.SHAPE_MISMATCH, "input " + index + " '" + p.name() + "' takes shape "
                    + p.shape() + ", got " + tensor.shape());
        }
        for (long d : tensor.shape().dims()) {
            if (d == 0) {
                throw new DlException(DlErrorCode.SHAPE_MISMATCH, "input " + index + " '" + p.name()
                        + "': tensor shape " + tensor.shape() + " has an empty dimension");
            }
        }
        return p;
    }
}
