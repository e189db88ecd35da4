package dev.sluice.inference.onnx;

import java.lang.reflect.Constructor;
import java.util.List;

import org.graalvm.nativeimage.hosted.Feature;
import org.graalvm.nativeimage.hosted.RuntimeJNIAccess;
import org.graalvm.nativeimage.hosted.RuntimeResourceAccess;

/**
 * What {@code sluice.model.kind=onnx} needs in the native executable. ONNX Runtime's and the
 * tokenizers' JNI libraries are embedded for the architecture the image is built for (at run time
 * they are extracted to {@code java.io.tmpdir} and {@code DJL_CACHE_DIR}, never downloaded), and
 * the classes their native code finds and constructs are registered for JNI. The lists come from
 * the libraries themselves ({@code strings} on {@code libonnxruntime4j_jni.so} and
 * {@code libtokenizers.so}: every FindClass target and constructor signature). Programmatic, not
 * JSON, because the resource paths depend on the build machine's architecture.
 */
public final class OnnxNativeImageFeature implements Feature {

    /** Every class libonnxruntime4j_jni.so finds; it constructs each and throws OrtException. */
    private static final List<String> ONNX_RUNTIME_JNI = List.of("ai.onnxruntime.MapInfo", "ai.onnxruntime.NodeInfo",
            "ai.onnxruntime.OnnxMap", "ai.onnxruntime.OnnxModelMetadata", "ai.onnxruntime.OnnxSequence",
            "ai.onnxruntime.OnnxSparseTensor", "ai.onnxruntime.OnnxTensor", "ai.onnxruntime.OnnxValue", "ai.onnxruntime.OrtException",
            "ai.onnxruntime.SequenceInfo", "ai.onnxruntime.TensorInfo", "ai.onnxruntime.ValueInfo");

    /** Every class libtokenizers.so finds: the spans it builds and the exceptions it throws. */
    private static final List<String> TOKENIZERS_JNI = List.of("ai.djl.huggingface.tokenizers.jni.CharSpan",
            "ai.djl.engine.EngineException",
            "java.lang.RuntimeException", "java.lang.UnsupportedOperationException");

    @Override
    public String getDescription() {
        return "sluice: ONNX Runtime and Hugging Face tokenizers JNI libraries for sluice.model.kind=onnx";
    }

    @Override
    public void beforeAnalysis(BeforeAnalysisAccess access) {
        boolean arm = "aarch64".equals(System.getProperty("os.arch"));
        String onnxRuntime = "ai/onnxruntime/native/" + (arm ? "linux-aarch64" : "linux-x64") + "/";
        Class<?> ort = access.findClassByName("ai.onnxruntime.OnnxRuntime");
        embed(ort, onnxRuntime + "libonnxruntime.so");
        embed(ort, onnxRuntime + "libonnxruntime4j_jni.so");
        Class<?> tokenizers = access.findClassByName("ai.djl.huggingface.tokenizers.jni.LibUtils");
        embed(tokenizers, "native/lib/tokenizers.properties");
        embed(tokenizers, "native/lib/linux-" + (arm ? "aarch64" : "x86_64") + "/cpu/libtokenizers.so");

        RuntimeJNIAccess.register(String.class, String[].class);
        for (String name : ONNX_RUNTIME_JNI) {
            registerConstructors(access, name);
        }
        for (String name : TOKENIZERS_JNI) {
            registerConstructors(access, name);
        }
    }

    private static void embed(Class<?> owner, String resource) {
        if (owner.getClassLoader().getResource(resource) == null) {
            throw new IllegalStateException("sluice native build: " + resource + " is not on the class path (kind=onnx needs it; "
                    + "only linux-x86_64 and linux-aarch64 are supported natively)");
        }
        RuntimeResourceAccess.addResource(owner.getModule(), resource);
    }

    private static void registerConstructors(BeforeAnalysisAccess access, String name) {
        Class<?> type = access.findClassByName(name);
        if (type == null) {
            throw new IllegalStateException("sluice native build: " + name + " is missing (ONNX Runtime or tokenizers version changed?)");
        }
        RuntimeJNIAccess.register(type);
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            RuntimeJNIAccess.register(constructor);
        }
    }
}
