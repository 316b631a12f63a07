using JaxNet.Abstractions;
using JaxNet.Core;

namespace JaxNet.Runtime;

/// <summary>
/// A loop's step program run many times as one launch repeated on the same buffers. When the step is a single module
/// whose in-place twin writes every result over the carry it becomes in the next iteration (a fori_loop's counter and
/// carries, a scan's stacked ys), then from the second iteration on each step reads and writes exactly the buffers
/// of the step before: the host re-issues the launch with one buffer list and makes arrays only for the last step's
/// results. A program run per step costs a frame, an array per result and their bookkeeping, several times the
/// launch of a few small kernels; this way a step costs the backend's launch alone.
/// </summary>
/// <remarks>
/// Semantics are those of running the program <c>times</c> times: launches stay asynchronous and in stream order,
/// each waiting on the one before when that one has not completed (so a failure reaches the results' event); the
/// loop stops re-issuing once a step has failed. The carries it writes must be the loop's own (made by an earlier
/// step, or given up by the caller); otherwise <see cref="Run"/> declines and the loop runs the program as usual.
/// </remarks>
/// <param name="parameterSources">Per module parameter: the program input it reads (0 and up), or <c>~k</c> for the
/// program's constant k.</param>
/// <param name="resultParameters">Per module result: the parameter whose buffer it overwrites.</param>
/// <param name="outputResults">Per program output: the module result it is (0 and up), or <c>-1</c> for its carry
/// passed on unchanged.</param>
internal sealed class RepeatedLaunch(IExecutable executable, int[] parameterSources, int[] resultParameters, int[] outputResults,
    ShapedArray[] resultAvals, int[] feedback)
{
    /// <summary>
    /// The plan for a program of <paramref name="steps"/> whose output j becomes input <paramref name="feedback"/>[j]
    /// of the next iteration, or null when the program is not one module writing each carry in its own buffer.
    /// </summary>
    public static RepeatedLaunch? Plan(ProgramStep[] steps, int[] inputSlots, int[] constantSlots, Operand[] outputs, int[] feedback)
    {
        if (steps is not [SegmentStep segment] || segment.InPlaceForm is not { } form || outputs.Length != feedback.Length) return null;
        var module = form.Executable.Module;
        var parameterSources = new int[form.Inputs.Length];
        for (var p = 0; p < parameterSources.Length; p++)
        {
            var input = Array.IndexOf(inputSlots, form.Inputs[p]);
            var constant = Array.IndexOf(constantSlots, form.Inputs[p]);
            if (input < 0 && constant < 0) return null;
            parameterSources[p] = input >= 0 ? input : ~constant;
        }
        var outputResults = new int[outputs.Length];
        var resultParameters = Enumerable.Repeat(-1, form.Outputs.Length).ToArray();
        for (var j = 0; j < outputs.Length; j++)
        {
            if (outputs[j].Literal is not null) return null;
            var slot = outputs[j].Slot;
            if (slot == inputSlots[feedback[j]])
            {
                // A carry the step leaves as it is: passed on without a launch writing it.
                outputResults[j] = -1;
                continue;
            }
            var result = Array.IndexOf(form.Outputs, slot);
            var parameter = Array.IndexOf(parameterSources, feedback[j]);
            if (result < 0 || resultParameters[result] >= 0 || parameter < 0) return null;
            if (!module.Aliases.Any(a => a.Result == result && a.Parameter == parameter)) return null;
            (outputResults[j], resultParameters[result]) = (result, parameter);
        }
        return resultParameters.All(p => p >= 0) && module.Results.Count == resultParameters.Length
            ? new RepeatedLaunch(form.Executable, parameterSources, resultParameters, outputResults, form.OutAvals, feedback)
            : null;
    }

    /// <summary>
    /// Runs the step <paramref name="times"/> times from <paramref name="inputs"/> (the first iteration's program
    /// inputs) and returns the last iteration's outputs, or null without launching anything when a carry the step
    /// writes is not the loop's to give (<paramref name="donated"/>) or not a buffer of its own on the device. The
    /// carries written are spent; <paramref name="owned"/> marks the outputs the loop holds alone.
    /// </summary>
    public NDArray[]? Run(Device device, NDArray[] inputs, bool[] donated, NDArray[] constants, long times, out bool[] owned)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1L);
        owned = [];
        foreach (var p in resultParameters)
        {
            var source = parameterSources[p];
            if (!donated[source] || !inputs[source].Donatable(device) || !HostProgram.OccursOnce(inputs, source)) return null;
        }
        var parameters = new DeviceBuffer[parameterSources.Length];
        var pending = new List<DeviceEvent>();
        for (var p = 0; p < parameters.Length; p++)
        {
            var source = parameterSources[p];
            var data = (source >= 0 ? inputs[source] : constants[~source]).DataOn(device);
            parameters[p] = data.Buffer;
            if (data.Ready.MustAwait()) pending.Add(data.Ready);
        }
        foreach (var p in resultParameters)
            for (var q = 0; q < parameters.Length; q++)
                if (q != p && ReferenceEquals(parameters[q], parameters[p])) return null;
        var results = resultParameters.Select(p => parameters[p]).ToArray();
        var done = Launch(device, parameters, results, pending.ToArray(), times);
        GC.KeepAlive(inputs);
        GC.KeepAlive(constants);
        return Outputs(device, inputs, donated, results, done, out owned);
    }

    /// <summary>Issues the launches in order; each waits on the one before while that one is pending.</summary>
    private DeviceEvent Launch(Device device, DeviceBuffer[] parameters, DeviceBuffer[] results, DeviceEvent[] waits, long times)
    {
        var done = DeviceEvent.Completed;
        var previous = new DeviceEvent[1];
        for (long t = 0; t < times; t++)
        {
            done = device.Backend.Launch(executable, device.Id, parameters, results, waits);
            if (ReferenceEquals(done, DeviceEvent.Completed))
            {
                waits = [];
                continue;
            }
            if (done.IsCompleted && done.HasFailed) break;
            previous[0] = done;
            waits = previous;
        }
        return done;
    }

    /// <summary>The last step's outputs: the written carries' buffers under new arrays ready at <paramref name="done"/>,
    /// the unchanged ones as they were.</summary>
    private NDArray[] Outputs(Device device, NDArray[] inputs, bool[] donated, DeviceBuffer[] results, DeviceEvent done, out bool[] owned)
    {
        var outputs = new NDArray[outputResults.Length];
        owned = new bool[outputs.Length];
        for (var j = 0; j < outputs.Length; j++)
        {
            var result = outputResults[j];
            if (result < 0)
            {
                (outputs[j], owned[j]) = (inputs[feedback[j]], donated[feedback[j]]);
                continue;
            }
            inputs[parameterSources[resultParameters[result]]].Donate();
            outputs[j] = NDArray.FromDevice(new DeviceArray(device, results[result], done), resultAvals[result]);
            owned[j] = true;
        }
        for (var j = 0; j < outputs.Length; j++)
            if (owned[j] && !HostProgram.OccursOnce(outputs, j)) owned[j] = false;
        return outputs;
    }
}
