using System.Runtime.ExceptionServices;
using JaxNet.Core;

namespace JaxNet.Parallel;

/// <summary>
/// Where the threads running the members of a pmapped axis meet at each collective. Each member runs the whole
/// compiled program on its own thread; a collective step waits until every member has reached it, then the last
/// to arrive runs the collective with every member's operands, and each member continues with its results.
/// Only one member runs host code at a time (<see cref="EnterTurn"/>): it hands the turn on while it waits, so
/// backends see the calls of one thread at a time, as they do outside pmap. A member that fails, or that reaches
/// the end or another collective while others wait, ends the run with an error instead of a wait forever.
/// </summary>
internal sealed class Rendezvous(AxisMembers axis)
{
    // A monitor (not a Lock): members wait on it for a collective to complete.
    private readonly object gate = new();
    private readonly SemaphoreSlim turn = new(1, 1);
    private NDArray[]?[] operands = new NDArray[axis.Count][];
    private JaxprEqn? site;
    private NDArray[][]? results;
    private int arrived;
    private int finished;
    private long generation;
    private ExceptionDispatchInfo? failure;

    public AxisMembers Axis { get; } = axis;

    /// <summary>Waits for this member's turn to run host code.</summary>
    public void EnterTurn() => turn.Wait();

    public void LeaveTurn() => turn.Release();

    /// <summary>Member <paramref name="member"/> reached collective <paramref name="eqn"/> with its operands; returns
    /// its results once every member has, running <paramref name="collective"/> if it is the last to arrive.</summary>
    public NDArray[] Meet(int member, JaxprEqn eqn, NDArray[] inputs, Func<NDArray[][], NDArray[][]> collective)
    {
        long mine;
        lock (gate)
        {
            failure?.Throw();
            if (site is not null && !ReferenceEquals(site, eqn))
                FailAndThrow(new InvalidOperationException($"members of the pmapped axis reached different collectives ({site.Primitive.Name} and " +
                    $"{eqn.Primitive.Name}): a collective in a branch or loop that the members took differently"));
            site = eqn;
            operands[member] = inputs;
            mine = generation;
            if (++arrived == Axis.Count)
            {
                try
                {
                    results = collective(operands!);
                }
                catch (Exception e)
                {
                    Fail(e);
                    throw;
                }
                (operands, site, arrived) = (new NDArray[Axis.Count][], null, 0);
                generation++;
                Monitor.PulseAll(gate);
                return results[member];
            }
            CheckStuck();
        }
        turn.Release();
        lock (gate)
        {
            while (generation == mine && failure is null) Monitor.Wait(gate);
        }
        turn.Wait();
        lock (gate)
        {
            // A later collective cannot have replaced these results: it needs this member too.
            if (generation == mine) throw new InvalidOperationException("another member of the pmapped axis failed", failure?.SourceException);
            return results![member];
        }
    }

    /// <summary>A member ran to the end of the program.</summary>
    public void Finish()
    {
        lock (gate)
        {
            finished++;
            CheckStuck();
        }
    }

    /// <summary>Ends the run: members waiting at a collective stop with an error that names <paramref name="error"/>
    /// (the first failure recorded is the run's).</summary>
    public void Fail(Exception error)
    {
        lock (gate)
        {
            failure ??= ExceptionDispatchInfo.Capture(error);
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>The first failure of the run, if any.</summary>
    public ExceptionDispatchInfo? Failure
    {
        get
        {
            lock (gate) return failure;
        }
    }

    // Members waiting while every other member has finished would wait forever.
    private void CheckStuck()
    {
        if (arrived > 0 && arrived + finished == Axis.Count)
            FailAndThrow(new InvalidOperationException($"{arrived} of {Axis.Count} members of the pmapped axis wait at {site!.Primitive.Name} while " +
                "the others have finished: a collective in a branch or loop that the members took differently"));
    }

    private void FailAndThrow(Exception error)
    {
        Fail(error);
        failure!.Throw();
    }
}
