using JaxNet;
using JaxNet.Distributed.Ranks;

// One rank of a distributed run (mpirun -np P jaxnet-ranks.dll): every check runs a pmap whose axis spans every
// process's devices, or a shard_map over a ('hosts', 'local') mesh of them, and compares each local member's result
// with the value computed here without communication.
// Prints one line per check; exits 1 at the first failure (mpirun then ends the other ranks).
Jax.Distributed.Initialize();
var checks = new RankChecks(Jax.Devices().Count).All().Concat(new MeshChecks(Jax.Devices().Count).All()).ToArray();
var rank = Jax.ProcessIndex();
Console.WriteLine($"rank {rank} of {Jax.ProcessCount()}: {Jax.Devices().Count} local devices, via {Jax.Distributed.Transport}");
foreach (var (name, check) in checks)
{
    try
    {
        check();
        Console.WriteLine($"rank {rank}: ok {name}");
    }
    catch (Exception e)
    {
        Console.WriteLine($"rank {rank}: FAILED {name}: {e}");
        return 1;
    }
}
Jax.Distributed.Shutdown();
Console.WriteLine($"rank {rank}: all {checks.Length} checks passed");
return 0;
