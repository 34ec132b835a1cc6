/**
 * Choosing where an asset stands by clicking the floor of the 3D twin. A click (not a drag, which
 * turns the view) puts the footprint's centre there; the box shows the footprint, green where it
 * fits and red where it is refused (the form says why, from the same rules the server applies).
 * Pointer handling is on the canvas element, as the planner's rack handle does; nothing here sets
 * React state per frame.
 */
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { BoxGeometry, type Mesh, Plane, Raycaster, Vector2, Vector3 } from 'three';
import type { TwinSpot } from '../../../common/masters/asset.ts';
import { ASSET_HEIGHT_M } from '../../../common/masters/asset-placement.ts';
import type { Facility } from '../../../twin-models/schema.ts';
import { buildLayout } from './layout.ts';
import { twinActions } from './store.ts';
import { TwinCanvas } from './TwinScene.tsx';
import './AssetSpotPicker.css';

const UNIT_BOX = new BoxGeometry(1, 1, 1);
const _ray = new Raycaster();
const _ndc = new Vector2();
const _hit = new Vector3();
const _floor = new Plane(new Vector3(0, 1, 0), 0);
const _screen = new Vector3();
/** Pointer travel, in pixels, beyond which a press is a drag of the view rather than a click. */
const CLICK_SLOP_PX = 5;

/** What tests may read (never write): where a floor point is on screen, in page pixels. */
export type AssetPickerProbe = { screenAt(x: number, z: number): { x: number; y: number } };

declare global {
  interface Window {
    __assetPicker?: AssetPickerProbe;
  }
}

type Props = {
  facility: Facility;
  floorId: string;
  spot: TwinSpot | null;
  fits: boolean;
  onPick: (x: number, z: number) => void;
};

export function AssetSpotPicker({ facility, floorId, spot, fits, onPick }: Props) {
  const layout = useMemo(() => buildLayout(facility), [facility]);
  const elevation = facility.floors.find((f) => f.id === floorId)?.elevation ?? 0;
  useEffect(() => () => twinActions.reset(), []);
  return (
    <div className="twin-stage asset-spot-picker" data-testid="asset-spot-picker">
      <TwinCanvas layout={layout}>
        <SpotCursor spot={spot} elevation={elevation} fits={fits} onPick={onPick} />
      </TwinCanvas>
      <p className="twin-stage__hint asset-spot-picker__hint">
        Click the floor where it stands; drag to turn the view, scroll to zoom.
      </p>
    </div>
  );
}

function SpotCursor({
  spot,
  elevation,
  fits,
  onPick,
}: {
  spot: TwinSpot | null;
  elevation: number;
  fits: boolean;
  onPick: (x: number, z: number) => void;
}) {
  const { camera, gl, invalidate } = useThree();
  const mesh = useRef<Mesh>(null);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;

  useEffect(() => {
    const m = mesh.current;
    if (m === null) return;
    m.visible = spot !== null;
    if (spot !== null) {
      m.position.set(spot.x, elevation + ASSET_HEIGHT_M / 2, spot.z);
      m.rotation.set(0, spot.rotationY, 0);
      m.scale.set(spot.width, ASSET_HEIGHT_M, spot.depth);
    }
    invalidate();
  }, [spot, elevation, invalidate]);

  useEffect(() => {
    window.__assetPicker = {
      screenAt: (x, z) => {
        const r = gl.domElement.getBoundingClientRect();
        _screen.set(x, elevation, z).project(camera);
        return { x: r.left + ((_screen.x + 1) / 2) * r.width, y: r.top + ((1 - _screen.y) / 2) * r.height };
      },
    };
    return () => {
      delete window.__assetPicker;
    };
  }, [camera, gl, elevation]);

  useEffect(() => {
    const el = gl.domElement;
    _floor.constant = -elevation;
    let down: { x: number; y: number } | null = null;
    const onDown = (e: PointerEvent) => {
      down = e.button === 0 ? { x: e.clientX, y: e.clientY } : null;
    };
    const onUp = (e: PointerEvent) => {
      if (down === null) return;
      const moved = Math.hypot(e.clientX - down.x, e.clientY - down.y);
      down = null;
      if (moved > CLICK_SLOP_PX) return;
      const r = el.getBoundingClientRect();
      _ndc.set(((e.clientX - r.left) / r.width) * 2 - 1, -((e.clientY - r.top) / r.height) * 2 + 1);
      _ray.setFromCamera(_ndc, camera);
      if (_ray.ray.intersectPlane(_floor, _hit) === null) return;
      // Centimetres are plenty for where a machine stands, and keep the form's numbers readable.
      onPickRef.current(Math.round(_hit.x * 100) / 100, Math.round(_hit.z * 100) / 100);
    };
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointerup', onUp);
    return () => {
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointerup', onUp);
    };
  }, [camera, gl, elevation]);

  return (
    <mesh ref={mesh} geometry={UNIT_BOX} renderOrder={3} visible={false}>
      <meshBasicMaterial color={fits ? '#2e7d32' : '#d32f2f'} transparent opacity={0.55} depthWrite={false} />
    </mesh>
  );
}
