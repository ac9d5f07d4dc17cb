package dev.vss.dl.openvino;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of the OpenVINO C API ({@code libopenvino_c}) that vss uses. Signatures follow
 * {@code openvino/c/*.h} of the pinned wheel; size_t is {@code long} (64-bit Linux only, as the wheel).
 * Returns are {@code ov_status_e} (0 = OK) unless void.
 */
interface OvLib extends Library {

    /** ov_shape_t: int64 rank, int64* dims. */
    @Structure.FieldOrder({"rank", "dims"})
    class OvShape extends Structure {
        public long rank;
        public Pointer dims;

        static final class ByValue extends OvShape implements Structure.ByValue {
        }
    }

    /** ov_dimension_t: int64 min, int64 max (max -1 = unbounded). */
    @Structure.FieldOrder({"min", "max"})
    class OvDimension extends Structure {
        public long min;
        public long max;

        static final class ByValue extends OvDimension implements Structure.ByValue {
        }
    }

    /** ov_partial_shape_t: ov_rank_t rank (a dimension), ov_dimension_t* dims. */
    @Structure.FieldOrder({"rankMin", "rankMax", "dims"})
    class OvPartialShape extends Structure {
        public long rankMin;
        public long rankMax;
        public Pointer dims;
    }

    /** ov_property_t: const char* key, const void* value. */
    @Structure.FieldOrder({"key", "value"})
    class OvProperty extends Structure {
        public Pointer key;
        public Pointer value;
    }

    /** ov_version_t: const char* buildNumber, const char* description. */
    @Structure.FieldOrder({"buildNumber", "description"})
    class OvVersion extends Structure {
        public Pointer buildNumber;
        public Pointer description;
    }

    // ov_common.h
    String ov_get_last_err_msg();

    String ov_get_error_info(int status);

    void ov_free(Pointer content);

    // ov_core.h
    int ov_get_openvino_version(OvVersion version);

    void ov_version_free(OvVersion version);

    int ov_core_create(PointerByReference core);

    void ov_core_free(Pointer core);

    int ov_core_read_model(Pointer core, String modelPath, String binPath, PointerByReference model);

    int ov_core_read_model_from_memory_buffer(Pointer core, Pointer modelStr, long strLen, Pointer weights,
            PointerByReference model);

    int ov_core_compile_model_props(Pointer core, Pointer model, String device, long numProperties,
            OvProperty properties, PointerByReference compiledModel);

    int ov_core_compile_model_from_file_props(Pointer core, String path, String device, long numProperties,
            OvProperty properties, PointerByReference compiledModel);

    int ov_core_get_property(Pointer core, String device, String key, PointerByReference value);

    // ov_model.h
    void ov_model_free(Pointer model);

    int ov_model_inputs_size(Pointer model, LongByReference size);

    int ov_model_outputs_size(Pointer model, LongByReference size);

    int ov_model_const_input_by_index(Pointer model, long index, PointerByReference port);

    int ov_model_const_output_by_index(Pointer model, long index, PointerByReference port);

    int ov_model_reshape_by_port_indexes(Pointer model, long[] portIndexes, OvPartialShape partialShapes, long size);

    // ov_node.h
    int ov_port_get_any_name(Pointer constPort, PointerByReference name);

    int ov_port_get_partial_shape(Pointer constPort, OvPartialShape partialShape);

    int ov_port_get_element_type(Pointer constPort, IntByReference type);

    void ov_output_const_port_free(Pointer constPort);

    void ov_partial_shape_free(OvPartialShape partialShape);

    // ov_compiled_model.h
    int ov_compiled_model_inputs_size(Pointer compiled, LongByReference size);

    int ov_compiled_model_outputs_size(Pointer compiled, LongByReference size);

    int ov_compiled_model_input_by_index(Pointer compiled, long index, PointerByReference port);

    int ov_compiled_model_output_by_index(Pointer compiled, long index, PointerByReference port);

    int ov_compiled_model_create_infer_request(Pointer compiled, PointerByReference request);

    int ov_compiled_model_get_property(Pointer compiled, String key, PointerByReference value);

    void ov_compiled_model_free(Pointer compiled);

    // ov_infer_request.h
    int ov_infer_request_set_input_tensor_by_index(Pointer request, long index, Pointer tensor);

    int ov_infer_request_get_output_tensor_by_index(Pointer request, long index, PointerByReference tensor);

    int ov_infer_request_infer(Pointer request);

    int ov_infer_request_start_async(Pointer request);

    int ov_infer_request_wait(Pointer request);

    void ov_infer_request_free(Pointer request);

    // ov_tensor.h
    int ov_tensor_create_from_host_ptr(int type, OvShape.ByValue shape, Pointer hostPtr, PointerByReference tensor);

    int ov_tensor_get_shape(Pointer tensor, OvShape shape);

    int ov_tensor_get_element_type(Pointer tensor, IntByReference type);

    int ov_tensor_get_byte_size(Pointer tensor, LongByReference size);

    int ov_tensor_data(Pointer tensor, PointerByReference data);

    void ov_tensor_free(Pointer tensor);

    int ov_shape_free(OvShape shape);

    // ov_layout.h
    int ov_layout_create(String desc, PointerByReference layout);

    void ov_layout_free(Pointer layout);

    // ov_prepostprocess.h
    int ov_preprocess_prepostprocessor_create(Pointer model, PointerByReference ppp);

    void ov_preprocess_prepostprocessor_free(Pointer ppp);

    int ov_preprocess_prepostprocessor_get_input_info_by_index(Pointer ppp, long index, PointerByReference info);

    void ov_preprocess_input_info_free(Pointer info);

    int ov_preprocess_input_info_get_tensor_info(Pointer info, PointerByReference tensorInfo);

    void ov_preprocess_input_tensor_info_free(Pointer tensorInfo);

    int ov_preprocess_input_info_get_preprocess_steps(Pointer info, PointerByReference steps);

    void ov_preprocess_preprocess_steps_free(Pointer steps);

    int ov_preprocess_input_info_get_model_info(Pointer info, PointerByReference modelInfo);

    void ov_preprocess_input_model_info_free(Pointer modelInfo);

    int ov_preprocess_input_tensor_info_set_element_type(Pointer tensorInfo, int type);

    int ov_preprocess_input_tensor_info_set_color_format(Pointer tensorInfo, int colorFormat);

    int ov_preprocess_input_tensor_info_set_layout(Pointer tensorInfo, Pointer layout);

    int ov_preprocess_input_tensor_info_set_spatial_static_shape(Pointer tensorInfo, long height, long width);

    int ov_preprocess_preprocess_steps_convert_element_type(Pointer steps, int type);

    int ov_preprocess_preprocess_steps_convert_color(Pointer steps, int colorFormat);

    int ov_preprocess_preprocess_steps_resize(Pointer steps, int algorithm);

    int ov_preprocess_preprocess_steps_mean_multi_channels(Pointer steps, float[] values, int size);

    int ov_preprocess_preprocess_steps_scale_multi_channels(Pointer steps, float[] values, int size);

    int ov_preprocess_input_model_info_set_layout(Pointer modelInfo, Pointer layout);

    int ov_preprocess_prepostprocessor_build(Pointer ppp, PointerByReference model);

    // enum values used above (ov_common.h, ov_prepostprocess.h)
    int COLOR_RGB = 5;
    int COLOR_BGR = 6;
    int RESIZE_LINEAR = 0;
}
