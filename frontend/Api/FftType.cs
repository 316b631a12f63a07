namespace JaxNet;

/// <summary>lax.FftType: complex to complex forward and inverse, real to complex (its non-negative frequencies) and back.</summary>
public enum FftType
{
    Fft,
    Ifft,
    Rfft,
    Irfft,
}
