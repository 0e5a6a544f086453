;; The GD-step kernels of src/core/backend.ts in WebAssembly SIMD (f64x2), built at load time by
;; src/core/backend-wasm.ts with wabt. Every pointer is a byte offset into the imported memory;
;; every matrix is row-major float64.
;;
;; Bit-for-bit agreement with the JavaScript reference kernels is by construction: every output
;; entry is accumulated in the same order as the reference loop (k = 0, 1, …, K−1 for a product,
;; rows i = 0, 1, … for a column sum), with one rounding per multiply and one per add (no fused
;; multiply-add), starting from +0. SIMD lanes run over independent output entries, never over the
;; summation index, so vectorization does not reassociate any sum.
;;
;; gemm computes C = A·B where B is pre-packed (by the host) into column panels:
;;   panel jb holds columns 4·jb .. 4·jb+3 of B, entry (kk, jj) at Bp + off(jb) + (kk·w + jj)·8,
;;   w = 4 for every full panel; the last panel, when q mod 4 = 1 or 2, has w = 2, when
;;   q mod 4 = 3 it has w = 4; the columns past q are zero padding (computed, never stored).
;; The register-blocked micro-kernel keeps a 4×4 tile of C in 8 f64x2 accumulators: per step of
;; the summation index it loads 2 vectors of the B panel and splats 4 entries of A (one per row).
(module
  (import "env" "memory" (memory 1))

  ;; Store the first w ∈ {1, 2, 3, 4} entries of one tile row (v0 = columns 0–1, v1 = 2–3).
  (func $store_row (param $ptr i32) (param $v0 v128) (param $v1 v128) (param $w i32)
    (if (i32.lt_u (local.get $w) (i32.const 2))
      (then
        (f64.store (local.get $ptr) (f64x2.extract_lane 0 (local.get $v0)))
        (return)))
    (v128.store (local.get $ptr) (local.get $v0))
    (if (i32.eq (local.get $w) (i32.const 4))
      (then (v128.store offset=16 (local.get $ptr) (local.get $v1)) (return)))
    (if (i32.eq (local.get $w) (i32.const 3))
      (then (f64.store offset=16 (local.get $ptr) (f64x2.extract_lane 0 (local.get $v1))))))

  ;; C (p×q, row stride ldc elements) = A (p×k, row stride lda elements) · B (k×q, packed at Bp).
  ;; mode 0: plain. mode 1 (forward): after each block of rows of C is final, u[j] += Σ_rows w_r·relu(C_rj)
  ;;   (u zeroed first), rows in ascending order — relu_colsum fused while the rows are in cache.
  ;; mode 2 (backward): A is Z, and each block's rows of A are replaced by the masked coefficients
  ;;   I{Z_rt ≥ 0}·w_r·v_t, written to `scratch` (4×k) just before the block is multiplied, so the m×k
  ;;   coefficient matrix is never stored — mask_outer fused.
  (func $gemm_core
    (param $A i32) (param $lda i32) (param $Bp i32) (param $C i32) (param $ldc i32)
    (param $p i32) (param $q i32) (param $k i32)
    (param $mode i32) (param $wv i32) (param $vv i32) (param $u i32) (param $scratch i32)
    (local $i i32) (local $j i32) (local $w i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $row0 i32) (local $c0 i32) (local $b i32) (local $bend i32) (local $panel i32)
    (local $lda8 i32) (local $ldc8 i32) (local $k16 i32) (local $k32 i32)
    (local $x00 v128) (local $x01 v128) (local $x10 v128) (local $x11 v128)
    (local $x20 v128) (local $x21 v128) (local $x30 v128) (local $x31 v128)
    (local $av v128) (local $b0 v128) (local $b1 v128)
    (local.set $lda8 (i32.shl (local.get $lda) (i32.const 3)))
    (local.set $ldc8 (i32.shl (local.get $ldc) (i32.const 3)))
    (local.set $k16 (i32.shl (local.get $k) (i32.const 4)))
    (local.set $k32 (i32.shl (local.get $k) (i32.const 5)))
    (if (i32.eq (local.get $mode) (i32.const 1))
      (then (call $zero (local.get $u) (local.get $q))))

    ;; ---- rows in blocks of 4 ----
    (local.set $i (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $p)))
        (local.set $row0 (i32.add (local.get $A) (i32.mul (local.get $i) (local.get $lda8))))
        (if (i32.eq (local.get $mode) (i32.const 2))
          (then
            (call $mask_rows (local.get $row0) (i32.add (local.get $wv) (i32.shl (local.get $i) (i32.const 3)))
              (local.get $vv) (local.get $scratch) (i32.const 4) (local.get $k))
            (local.set $row0 (local.get $scratch))))
        (local.set $c0 (i32.add (local.get $C) (i32.mul (local.get $i) (local.get $ldc8))))
        (local.set $panel (local.get $Bp))
        (local.set $j (i32.const 0))
        (block $panels_done
          (loop $panels
            (br_if $panels_done (i32.ge_u (local.get $j) (local.get $q)))
            (local.set $w (i32.sub (local.get $q) (local.get $j)))
            (if (i32.gt_u (local.get $w) (i32.const 4)) (then (local.set $w (i32.const 4))))
            (local.set $a0 (local.get $row0))
            (local.set $a1 (i32.add (local.get $a0) (local.get $lda8)))
            (local.set $a2 (i32.add (local.get $a1) (local.get $lda8)))
            (local.set $a3 (i32.add (local.get $a2) (local.get $lda8)))
            (local.set $b (local.get $panel))
            (if (i32.gt_u (local.get $w) (i32.const 2))
              (then
                ;; 4×4 tile
                (local.set $bend (i32.add (local.get $b) (local.get $k32)))
                (local.set $x00 (v128.const f64x2 0 0)) (local.set $x01 (v128.const f64x2 0 0))
                (local.set $x10 (v128.const f64x2 0 0)) (local.set $x11 (v128.const f64x2 0 0))
                (local.set $x20 (v128.const f64x2 0 0)) (local.set $x21 (v128.const f64x2 0 0))
                (local.set $x30 (v128.const f64x2 0 0)) (local.set $x31 (v128.const f64x2 0 0))
                (block $k_done
                  (loop $kloop
                    (br_if $k_done (i32.ge_u (local.get $b) (local.get $bend)))
                    (local.set $b0 (v128.load (local.get $b)))
                    (local.set $b1 (v128.load offset=16 (local.get $b)))
                    (local.set $av (v128.load64_splat (local.get $a0)))
                    (local.set $x00 (f64x2.add (local.get $x00) (f64x2.mul (local.get $av) (local.get $b0))))
                    (local.set $x01 (f64x2.add (local.get $x01) (f64x2.mul (local.get $av) (local.get $b1))))
                    (local.set $av (v128.load64_splat (local.get $a1)))
                    (local.set $x10 (f64x2.add (local.get $x10) (f64x2.mul (local.get $av) (local.get $b0))))
                    (local.set $x11 (f64x2.add (local.get $x11) (f64x2.mul (local.get $av) (local.get $b1))))
                    (local.set $av (v128.load64_splat (local.get $a2)))
                    (local.set $x20 (f64x2.add (local.get $x20) (f64x2.mul (local.get $av) (local.get $b0))))
                    (local.set $x21 (f64x2.add (local.get $x21) (f64x2.mul (local.get $av) (local.get $b1))))
                    (local.set $av (v128.load64_splat (local.get $a3)))
                    (local.set $x30 (f64x2.add (local.get $x30) (f64x2.mul (local.get $av) (local.get $b0))))
                    (local.set $x31 (f64x2.add (local.get $x31) (f64x2.mul (local.get $av) (local.get $b1))))
                    (local.set $a0 (i32.add (local.get $a0) (i32.const 8)))
                    (local.set $a1 (i32.add (local.get $a1) (i32.const 8)))
                    (local.set $a2 (i32.add (local.get $a2) (i32.const 8)))
                    (local.set $a3 (i32.add (local.get $a3) (i32.const 8)))
                    (local.set $b (i32.add (local.get $b) (i32.const 32)))
                    (br $kloop)))
                (if (i32.eq (local.get $w) (i32.const 4))
                  (then
                    ;; full tile: 8 plain stores
                    (local.set $b (local.get $c0))
                    (v128.store (local.get $b) (local.get $x00))
                    (v128.store offset=16 (local.get $b) (local.get $x01))
                    (local.set $b (i32.add (local.get $b) (local.get $ldc8)))
                    (v128.store (local.get $b) (local.get $x10))
                    (v128.store offset=16 (local.get $b) (local.get $x11))
                    (local.set $b (i32.add (local.get $b) (local.get $ldc8)))
                    (v128.store (local.get $b) (local.get $x20))
                    (v128.store offset=16 (local.get $b) (local.get $x21))
                    (local.set $b (i32.add (local.get $b) (local.get $ldc8)))
                    (v128.store (local.get $b) (local.get $x30))
                    (v128.store offset=16 (local.get $b) (local.get $x31)))
                  (else
                    (call $store_row (local.get $c0) (local.get $x00) (local.get $x01) (local.get $w))
                    (call $store_row (i32.add (local.get $c0) (local.get $ldc8)) (local.get $x10) (local.get $x11) (local.get $w))
                    (call $store_row (i32.add (local.get $c0) (i32.shl (local.get $ldc8) (i32.const 1))) (local.get $x20) (local.get $x21) (local.get $w))
                    (call $store_row (i32.add (local.get $c0) (i32.mul (local.get $ldc8) (i32.const 3))) (local.get $x30) (local.get $x31) (local.get $w))))
                (local.set $panel (i32.add (local.get $panel) (local.get $k32)))
                (local.set $c0 (i32.add (local.get $c0) (i32.const 32)))
                (local.set $j (i32.add (local.get $j) (i32.const 4))))
              (else
                ;; 4×2 tile (last panel, 1 or 2 valid columns)
                (local.set $bend (i32.add (local.get $b) (local.get $k16)))
                (local.set $x00 (v128.const f64x2 0 0)) (local.set $x10 (v128.const f64x2 0 0))
                (local.set $x20 (v128.const f64x2 0 0)) (local.set $x30 (v128.const f64x2 0 0))
                (block $k2_done
                  (loop $k2loop
                    (br_if $k2_done (i32.ge_u (local.get $b) (local.get $bend)))
                    (local.set $b0 (v128.load (local.get $b)))
                    (local.set $x00 (f64x2.add (local.get $x00) (f64x2.mul (v128.load64_splat (local.get $a0)) (local.get $b0))))
                    (local.set $x10 (f64x2.add (local.get $x10) (f64x2.mul (v128.load64_splat (local.get $a1)) (local.get $b0))))
                    (local.set $x20 (f64x2.add (local.get $x20) (f64x2.mul (v128.load64_splat (local.get $a2)) (local.get $b0))))
                    (local.set $x30 (f64x2.add (local.get $x30) (f64x2.mul (v128.load64_splat (local.get $a3)) (local.get $b0))))
                    (local.set $a0 (i32.add (local.get $a0) (i32.const 8)))
                    (local.set $a1 (i32.add (local.get $a1) (i32.const 8)))
                    (local.set $a2 (i32.add (local.get $a2) (i32.const 8)))
                    (local.set $a3 (i32.add (local.get $a3) (i32.const 8)))
                    (local.set $b (i32.add (local.get $b) (i32.const 16)))
                    (br $k2loop)))
                (call $store_row (local.get $c0) (local.get $x00) (local.get $x00) (local.get $w))
                (call $store_row (i32.add (local.get $c0) (local.get $ldc8)) (local.get $x10) (local.get $x10) (local.get $w))
                (call $store_row (i32.add (local.get $c0) (i32.shl (local.get $ldc8) (i32.const 1))) (local.get $x20) (local.get $x20) (local.get $w))
                (call $store_row (i32.add (local.get $c0) (i32.mul (local.get $ldc8) (i32.const 3))) (local.get $x30) (local.get $x30) (local.get $w))
                (local.set $j (local.get $q))))
            (br $panels)))
        (if (i32.eq (local.get $mode) (i32.const 1))
          (then
            (call $relu_acc (i32.add (local.get $C) (i32.mul (local.get $i) (local.get $ldc8)))
              (i32.add (local.get $wv) (i32.shl (local.get $i) (i32.const 3))) (local.get $u) (i32.const 4) (local.get $q))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows)))

    ;; ---- the last p mod 4 rows, one at a time ----
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $i) (local.get $p)))
        (local.set $row0 (i32.add (local.get $A) (i32.mul (local.get $i) (local.get $lda8))))
        (if (i32.eq (local.get $mode) (i32.const 2))
          (then
            (call $mask_rows (local.get $row0) (i32.add (local.get $wv) (i32.shl (local.get $i) (i32.const 3)))
              (local.get $vv) (local.get $scratch) (i32.const 1) (local.get $k))
            (local.set $row0 (local.get $scratch))))
        (local.set $c0 (i32.add (local.get $C) (i32.mul (local.get $i) (local.get $ldc8))))
        (local.set $panel (local.get $Bp))
        (local.set $j (i32.const 0))
        (block $tpanels_done
          (loop $tpanels
            (br_if $tpanels_done (i32.ge_u (local.get $j) (local.get $q)))
            (local.set $w (i32.sub (local.get $q) (local.get $j)))
            (if (i32.gt_u (local.get $w) (i32.const 4)) (then (local.set $w (i32.const 4))))
            (local.set $a0 (local.get $row0))
            (local.set $b (local.get $panel))
            (local.set $x00 (v128.const f64x2 0 0)) (local.set $x01 (v128.const f64x2 0 0))
            (if (i32.gt_u (local.get $w) (i32.const 2))
              (then
                (local.set $bend (i32.add (local.get $b) (local.get $k32)))
                (block $tk_done
                  (loop $tkloop
                    (br_if $tk_done (i32.ge_u (local.get $b) (local.get $bend)))
                    (local.set $av (v128.load64_splat (local.get $a0)))
                    (local.set $x00 (f64x2.add (local.get $x00) (f64x2.mul (local.get $av) (v128.load (local.get $b)))))
                    (local.set $x01 (f64x2.add (local.get $x01) (f64x2.mul (local.get $av) (v128.load offset=16 (local.get $b)))))
                    (local.set $a0 (i32.add (local.get $a0) (i32.const 8)))
                    (local.set $b (i32.add (local.get $b) (i32.const 32)))
                    (br $tkloop)))
                (call $store_row (local.get $c0) (local.get $x00) (local.get $x01) (local.get $w))
                (local.set $panel (i32.add (local.get $panel) (local.get $k32)))
                (local.set $c0 (i32.add (local.get $c0) (i32.const 32)))
                (local.set $j (i32.add (local.get $j) (i32.const 4))))
              (else
                (local.set $bend (i32.add (local.get $b) (local.get $k16)))
                (block $tk2_done
                  (loop $tk2loop
                    (br_if $tk2_done (i32.ge_u (local.get $b) (local.get $bend)))
                    (local.set $x00 (f64x2.add (local.get $x00) (f64x2.mul (v128.load64_splat (local.get $a0)) (v128.load (local.get $b)))))
                    (local.set $a0 (i32.add (local.get $a0) (i32.const 8)))
                    (local.set $b (i32.add (local.get $b) (i32.const 16)))
                    (br $tk2loop)))
                (call $store_row (local.get $c0) (local.get $x00) (local.get $x00) (local.get $w))
                (local.set $j (local.get $q))))
            (br $tpanels)))
        (if (i32.eq (local.get $mode) (i32.const 1))
          (then
            (call $relu_acc (i32.add (local.get $C) (i32.mul (local.get $i) (local.get $ldc8)))
              (i32.add (local.get $wv) (i32.shl (local.get $i) (i32.const 3))) (local.get $u) (i32.const 1) (local.get $q))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  (func (export "gemm")
    (param $A i32) (param $lda i32) (param $Bp i32) (param $C i32) (param $ldc i32) (param $p i32) (param $q i32) (param $k i32)
    (call $gemm_core (local.get $A) (local.get $lda) (local.get $Bp) (local.get $C) (local.get $ldc)
      (local.get $p) (local.get $q) (local.get $k) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))

  ;; Forward pass: C = A·B and u_j = Σ_i w_i·relu(C_ij).
  (func (export "gemm_relu")
    (param $A i32) (param $lda i32) (param $Bp i32) (param $C i32) (param $ldc i32) (param $p i32) (param $q i32) (param $k i32)
    (param $w i32) (param $u i32)
    (call $gemm_core (local.get $A) (local.get $lda) (local.get $Bp) (local.get $C) (local.get $ldc)
      (local.get $p) (local.get $q) (local.get $k) (i32.const 1) (local.get $w) (i32.const 0) (local.get $u) (i32.const 0)))

  ;; Backward pass: C = (I{Z ≥ 0} ⊙ w vᵀ)·B with Z p×k (row stride k), scratch 4×k.
  (func (export "gemm_masked")
    (param $Z i32) (param $Bp i32) (param $C i32) (param $ldc i32) (param $p i32) (param $q i32) (param $k i32)
    (param $w i32) (param $v i32) (param $scratch i32)
    (call $gemm_core (local.get $Z) (local.get $k) (local.get $Bp) (local.get $C) (local.get $ldc)
      (local.get $p) (local.get $q) (local.get $k) (i32.const 2) (local.get $w) (local.get $v) (i32.const 0) (local.get $scratch)))

  (func $zero (param $ptr i32) (param $len i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $ptr) (i32.shl (local.get $len) (i32.const 3))))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $ptr) (local.get $end)))
      (f64.store (local.get $ptr) (f64.const 0))
      (local.set $ptr (i32.add (local.get $ptr) (i32.const 8)))
      (br $l))))

  ;; out[j] = Σ_{i=0..p−1} w[i]·relu(Z[i, j]) for j < q, relu(s) = s if s > 0 else 0 (so NaN → 0),
  ;; rows added in order i = 0, 1, … onto out = +0 (the reference's `if (s > 0) u += w·s`).
  (func (export "relu_colsum") (param $Z i32) (param $w i32) (param $out i32) (param $p i32) (param $q i32)
    (call $zero (local.get $out) (local.get $q))
    (call $relu_acc (local.get $Z) (local.get $w) (local.get $out) (local.get $p) (local.get $q)))

  ;; out[j] += Σ_{i<p} w[i]·relu(Z[i, j]) (Z row stride q), rows in ascending order.
  (func $relu_acc (param $Z i32) (param $w i32) (param $out i32) (param $p i32) (param $q i32)
    (local $i i32) (local $j i32) (local $z i32) (local $o i32) (local $wv v128) (local $ws f64)
    (local $v v128) (local $s f64) (local $q2 i32)
    (local.set $q2 (i32.and (local.get $q) (i32.const -2)))
    (local.set $z (local.get $Z))
    (local.set $i (i32.const 0))
    (block $rd (loop $rl
      (br_if $rd (i32.ge_u (local.get $i) (local.get $p)))
      (local.set $ws (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $wv (f64x2.splat (local.get $ws)))
      (local.set $o (local.get $out))
      (local.set $j (i32.const 0))
      (block $cd (loop $cl
        (br_if $cd (i32.ge_u (local.get $j) (local.get $q2)))
        (local.set $v (v128.load (local.get $z)))
        (local.set $v (v128.and (local.get $v) (f64x2.gt (local.get $v) (v128.const f64x2 0 0))))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (f64x2.mul (local.get $wv) (local.get $v))))
        (local.set $z (i32.add (local.get $z) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $cl)))
      (if (i32.lt_u (local.get $q2) (local.get $q))
        (then
          (local.set $s (f64.load (local.get $z)))
          (local.set $s (select (local.get $s) (f64.const 0) (f64.gt (local.get $s) (f64.const 0))))
          (f64.store (local.get $o) (f64.add (f64.load (local.get $o)) (f64.mul (local.get $ws) (local.get $s))))
          (local.set $z (i32.add (local.get $z) (i32.const 8)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rl))))

  ;; C[i, j] = Z[i, j] ≥ 0 ? w[i]·v[j] : 0 (NaN → 0), the masked coefficients of the backward pass.
  (func $mask_rows (export "mask_outer") (param $Z i32) (param $w i32) (param $v i32) (param $C i32) (param $p i32) (param $q i32)
    (local $i i32) (local $j i32) (local $z i32) (local $c i32) (local $vp i32) (local $wv v128) (local $ws f64)
    (local $zv v128) (local $s f64) (local $q2 i32)
    (local.set $q2 (i32.and (local.get $q) (i32.const -2)))
    (local.set $z (local.get $Z))
    (local.set $c (local.get $C))
    (local.set $i (i32.const 0))
    (block $rd (loop $rl
      (br_if $rd (i32.ge_u (local.get $i) (local.get $p)))
      (local.set $ws (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $wv (f64x2.splat (local.get $ws)))
      (local.set $vp (local.get $v))
      (local.set $j (i32.const 0))
      (block $cd (loop $cl
        (br_if $cd (i32.ge_u (local.get $j) (local.get $q2)))
        (local.set $zv (v128.load (local.get $z)))
        (v128.store (local.get $c)
          (v128.and (f64x2.mul (local.get $wv) (v128.load (local.get $vp)))
                    (f64x2.ge (local.get $zv) (v128.const f64x2 0 0))))
        (local.set $z (i32.add (local.get $z) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (local.set $vp (i32.add (local.get $vp) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $cl)))
      (if (i32.lt_u (local.get $q2) (local.get $q))
        (then
          (f64.store (local.get $c)
            (select (f64.mul (local.get $ws) (f64.load (local.get $vp))) (f64.const 0)
                    (f64.ge (f64.load (local.get $z)) (f64.const 0))))
          (local.set $z (i32.add (local.get $z) (i32.const 8)))
          (local.set $c (i32.add (local.get $c) (i32.const 8)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rl))))
)
