import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import type { Catalogue } from '../../slo/catalogue';
import { testIds } from '../../components/testIds';
import { ServiceForm } from './ServiceForm';
import { JourneyForm } from './JourneyForm';
import { fakeCanvasText } from '../../testing/canvas';

const catalogue: Catalogue = { services: [{ name: 'checkout', type: 'api' }], journeys: [] };

function renderServiceForm(onSubmit = jest.fn()) {
  render(
    <ServiceForm catalogue={catalogue} saving={false} readOnly={false} onSubmit={onSubmit} onCancel={jest.fn()} />
  );
  return onSubmit;
}

describe('ServiceForm', () => {
  it('labels every input', () => {
    renderServiceForm();
    for (const label of [/^Service name/, /^Owner/, /^Description/]) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
  });

  it('saves a new service of the chosen type and tier', () => {
    const onSubmit = renderServiceForm();
    fireEvent.change(screen.getByTestId(testIds.services.serviceName), { target: { value: ' orders ' } });
    fireEvent.click(screen.getByLabelText('Batch'));
    fireEvent.click(screen.getByLabelText('Essential'));
    fireEvent.click(screen.getByTestId(testIds.services.save));
    expect(onSubmit).toHaveBeenCalledWith({ name: 'orders', type: 'batch', tier: 'essential' });
  });

  it('refuses a taken name with a message naming the field, keeping what was typed', () => {
    const onSubmit = renderServiceForm();
    fireEvent.change(screen.getByTestId(testIds.services.serviceName), { target: { value: 'Checkout' } });
    fireEvent.change(screen.getByTestId(testIds.services.serviceOwner), { target: { value: 'team-a' } });
    fireEvent.click(screen.getByTestId(testIds.services.save));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByTestId(testIds.services.fieldError)).toHaveTextContent(
      'Service name: Service "Checkout" already exists (services[0])'
    );
    expect(screen.getByTestId(testIds.services.serviceOwner)).toHaveValue('team-a');
  });
});

describe('JourneyForm', () => {
  beforeEach(fakeCanvasText);
  afterEach(() => jest.restoreAllMocks());

  it('refuses a journey whose steps lack a title and an SLO', () => {
    const onSubmit = jest.fn();
    render(
      <JourneyForm
        catalogue={catalogue}
        slos={[{ uid: 'checkout-avail-01', name: 'checkout-availability', service: 'checkout' }]}
        saving={false}
        readOnly={false}
        onSubmit={onSubmit}
        onCancel={jest.fn()}
      />
    );
    fireEvent.change(screen.getByTestId(testIds.services.journeyName), { target: { value: 'Buy' } });
    fireEvent.click(screen.getByTestId(testIds.services.save));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByTestId(testIds.services.fieldError).map((e) => e.textContent)).toEqual([
      'Step 1 title: Step title is required',
      'Step 1 SLO: Choose the SLO of this step',
    ]);
  });

  it('keeps the SLO of the whole journey, and refuses one that no longer exists', () => {
    const slos = [
      { uid: 'checkout-avail-01', name: 'checkout-availability', service: 'checkout' },
      { uid: 'pay', name: 'payments', service: 'payments' },
    ];
    const journey = { name: 'Buy', sloUid: 'checkout-avail-01', steps: [{ title: 'Pay', sloUid: 'pay' }] };
    const onSubmit = jest.fn();
    const { unmount } = render(
      <JourneyForm
        initial={journey}
        catalogue={{ ...catalogue, journeys: [journey] }}
        slos={slos}
        saving={false}
        readOnly={false}
        onSubmit={onSubmit}
        onCancel={jest.fn()}
      />
    );
    fireEvent.click(screen.getByTestId(testIds.services.save));
    expect(onSubmit).toHaveBeenCalledWith(journey);
    unmount();

    const gone = { ...journey, sloUid: 'gone' };
    render(
      <JourneyForm
        initial={gone}
        catalogue={{ ...catalogue, journeys: [gone] }}
        slos={slos}
        saving={false}
        readOnly={false}
        onSubmit={onSubmit}
        onCancel={jest.fn()}
      />
    );
    fireEvent.click(screen.getByTestId(testIds.services.save));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(screen.getAllByTestId(testIds.services.fieldError).map((e) => e.textContent)).toEqual([
      'SLO of the whole journey (optional): unknown SLO "gone"',
    ]);
  });
});
