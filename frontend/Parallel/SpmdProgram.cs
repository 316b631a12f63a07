using JaxNet.Core;

namespace JaxNet.Parallel;

/// <summary>
/// A pmapped function's jaxpr as one program per member (SPMD): its collectives scheduled and combined
/// (<see cref="CollectiveScheduler"/>), then simplified, fused and compiled once, as Jit does, with each collective
/// (at the top level, or in a loop or branch body) a step where the members meet. Each local member runs the
/// program on its own device and thread; at a collective every member's value is at hand, and the backend's
/// collectives run across the devices (and MPI across processes, when the axis spans them).
/// </summary>
internal sealed class SpmdProgram(ClosedJaxpr closed, string name, AxisGrid grid, Device device)
{
    // Compiled on first run: a pmap traced under another transformation may never run as it is.
    private readonly Lazy<Compiled> program = new(() => Lowered.Of(CollectiveScheduler.Schedule(closed), $"pmap_{name}", device).Compile());

    /// <summary>Runs this process's members of <paramref name="axis"/>; <paramref name="args"/>[d] are the arguments of
    /// the member on device d.</summary>
    public NDArray[][] Run(NDArray[][] args, AxisMembers axis)
    {
        var compiled = program.Value;
        var rendezvous = new Rendezvous(axis);
        var results = new NDArray[axis.Count][];
        void RunMember(int d)
        {
            rendezvous.EnterTurn();
            try
            {
                results[d] = new SpmdMember(rendezvous, d, grid).Run(() => compiled.ExecuteOn(axis.Devices[d], args[d]));
                rendezvous.Finish();
            }
            catch (Exception e)
            {
                // The first failure is the run's error; the others are members stopped because of it.
                rendezvous.Fail(e);
            }
            finally
            {
                rendezvous.LeaveTurn();
            }
        }
        // Member 0 runs on the calling thread, the others on threads of their own (they block at collectives).
        var others = Enumerable.Range(1, axis.Count - 1)
            .Select(d => Task.Factory.StartNew(() => RunMember(d), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        RunMember(0);
        Task.WaitAll(others);
        rendezvous.Failure?.Throw();
        return results;
    }
}
