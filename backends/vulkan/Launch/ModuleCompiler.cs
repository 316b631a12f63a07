using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Vulkan.Codegen;
using JaxNet.Backends.Vulkan.Codegen.Kernels;
using JaxNet.Backends.Vulkan.Compiler;

namespace JaxNet.Backends.Vulkan.Launch;

/// <summary>
/// Turns a module into a <see cref="VulkanExecutable"/>: validates it, checks each kernel against the
/// capabilities, generates GLSL passes and compiles them to SPIR-V (in parallel; glslc runs only on cache
/// misses). Every failure names the kernel: <see cref="KernelCompilationException"/>. A kernel over the stated buffer
/// limit, or a pass over the devices' storage-buffer bindings (<paramref name="maxBindings"/>), is refused here rather
/// than by the driver at launch.
/// </summary>
internal sealed class ModuleCompiler(BackendCapabilities capabilities, ShaderTarget target, GlslCompiler glsl, uint maxBindings)
{
    public VulkanExecutable Compile(KernelModule module, CompileOptions options)
    {
        try
        {
            module.Validate();
        }
        catch (InvalidKernelModuleException e)
        {
            throw new KernelCompilationException(module.Name, e.Message, e);
        }
        var context = new GenerationContext(target, module.Buffers.Count);
        var generated = new List<(Kernel, IReadOnlyList<KernelPass>)>();
        foreach (var kernel in module.Kernels)
        {
            if (capabilities.Unsupported(kernel) is { } missing)
                throw new KernelCompilationException(kernel.Name, $"the vulkan backend does not support {missing} on this device");
            var touched = kernel.ReadBuffers().Concat(kernel.WrittenBuffers()).Distinct().Count();
            if (touched > capabilities.MaxKernelBuffers)
                throw new KernelCompilationException(kernel.Name, $"the kernel touches {touched} buffers, more than the " +
                    $"{capabilities.MaxKernelBuffers} the vulkan backend states (BackendCapabilities.MaxKernelBuffers)");
            try
            {
                var passes = KernelGenerator.Generate(kernel, context);
                if (passes.OfType<ShaderPass>().FirstOrDefault(p => p.Bindings.Count > maxBindings) is { } wide)
                    throw new KernelCompilationException(kernel.Name, $"a pass binds {wide.Bindings.Count} storage buffers, " +
                        $"more than the {maxBindings} the device allows a compute shader");
                generated.Add((kernel, passes));
            }
            catch (NotSupportedException e)
            {
                throw new KernelCompilationException(kernel.Name, e.Message, e);
            }
        }

        var shaders = generated.SelectMany(g => g.Item2.OfType<ShaderPass>().Select(p => (Kernel: g.Item1, Pass: p))).ToList();
        // Multi-pass kernels (a long sort) repeat one shader with other push constants: compile each text once.
        var spirv = new Dictionary<string, (string Key, byte[] Code)>(StringComparer.Ordinal);
        var errors = new List<KernelCompilationException>();
        var distinct = shaders.DistinctBy(s => s.Pass.Glsl, StringComparer.Ordinal);
        Parallel.ForEach(distinct, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
        {
            var key = GlslCompiler.KeyOf(s.Pass.Glsl);
            try
            {
                var code = FloatControlModes.Patch(glsl.Compile(s.Pass.Glsl, key), target);
                lock (spirv) spirv[s.Pass.Glsl] = (key, code);
            }
            catch (ShaderCompilationException e)
            {
                lock (errors) errors.Add(new KernelCompilationException(s.Kernel.Name, $"{e.Message}\n{Numbered(e.Glsl)}", e));
            }
        });
        if (errors.Count > 0) throw errors[0];

        if (options.Options.TryGetValue("dump", out var dump) && !string.IsNullOrEmpty(dump))
        {
            Directory.CreateDirectory(dump);
            foreach (var s in shaders) File.WriteAllText(Path.Combine(dump, $"{spirv[s.Pass.Glsl].Key[..16]}.comp"), s.Pass.Glsl);
        }

        var kernels = generated.Select(g => (g.Item1, (IReadOnlyList<CompiledPass>)g.Item2.Select(p => p switch
        {
            ShaderPass s => (CompiledPass)new CompiledShader(s, spirv[s.Glsl].Key, spirv[s.Glsl].Code),
            CopyPass c => new CompiledCopy(c),
            _ => throw new InvalidOperationException(p.GetType().Name),
        }).ToList())).ToList();
        return new VulkanExecutable(module, kernels, context.Scratch);
    }

    private static string Numbered(string glsl) =>
        string.Join("\n", glsl.Split('\n').Select((line, i) => $"{i + 1,4}: {line}"));
}
